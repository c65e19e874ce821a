/**
 * The value of another field of the same template. The scaffolder's form
 * context carries the data of every step (`formContext.formData`), so a field
 * can read what was entered on an earlier page; validators get the same data
 * as `context.formData`.
 */
export function siblingValue(formData: unknown, name: string): unknown {
  if (typeof formData !== 'object' || formData === null) {
    return undefined;
  }
  return (formData as Record<string, unknown>)[name];
}

/** The form data a field component can see through its form context. */
export function formDataOf(formContext: unknown): unknown {
  return typeof formContext === 'object' && formContext !== null
    ? (formContext as { formData?: unknown }).formData
    : undefined;
}
