/** Joins a parent path and a field name with a dot; the root has none. */
export const childPath = (path: string, name: string) =>
  path ? `${path}.${name}` : name;
