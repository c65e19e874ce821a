import {
  DEFAULT_NAMESPACE,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * Checks for values that end up in generated files (catalog-info.yaml,
 * package.json, TypeScript). The templates' parameter schemas refuse bad
 * values before a task starts, and the skeletons render every string as a
 * JSON literal; these checks hold even for a template that skipped both.
 *
 * The rules are the catalog's own (catalog-model's default validators), so
 * that nothing the catalog would accept is refused here.
 */
const validators = makeValidator();

/** A value for a message: as JSON, so that a newline in it shows as `\n`. */
export function shown(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json;
}

const NAME_RULE =
  "1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

/**
 * An entity name (`metadata.name`, the name part of a ref).
 *
 * @throws InputError naming `field` when it is not one
 */
export function assertEntityName(value: unknown, field: string): string {
  if (!validators.isValidEntityName(value)) {
    throw new InputError(
      `${field} ${shown(value)} is not an entity name: ${NAME_RULE}`,
    );
  }
  return value as string;
}

/**
 * An entity namespace (a DNS label).
 *
 * @throws InputError naming `field` when it is not one
 */
export function assertEntityNamespace(value: unknown, field: string): string {
  if (!validators.isValidNamespace(value)) {
    throw new InputError(
      `${field} ${shown(
        value,
      )} is not an entity namespace: 1-63 lower case letters, digits and '-', starting and ending with a letter or digit`,
    );
  }
  return value as string;
}

export interface EntityRefRules {
  /** The kinds the ref may name (any case); any kind when absent. */
  kinds?: readonly string[];
  /** The kind of a ref that names none; a ref must name one when absent. */
  defaultKind?: string;
  /** The namespace of a ref that names none; `default` when absent. */
  defaultNamespace?: string;
}

/**
 * An entity ref, `[<kind>:][<namespace>/]<name>`, whose every part follows
 * the catalog's rules. `parseEntityRef` alone splits at the first `:` and
 * `/` and accepts anything around them (a newline, `---`, spaces), so each
 * part is checked too.
 *
 * @returns the ref in its canonical form, `kind:namespace/name`
 * @throws InputError naming `field` and what is wrong with it
 */
export function assertEntityRef(
  value: unknown,
  field: string,
  rules: EntityRefRules = {},
): string {
  const { kinds, defaultKind, defaultNamespace = DEFAULT_NAMESPACE } = rules;
  const form = defaultKind
    ? '[<kind>:][<namespace>/]<name>'
    : '<kind>:[<namespace>/]<name>';
  const notARef = (reason: string) =>
    new InputError(
      `${field} ${shown(
        value,
      )} is not an entity reference (${form}): ${reason}`,
    );
  if (typeof value !== 'string') throw notARef('it is not a string');
  if (value === '') throw notARef('it is empty');
  if (!defaultKind && !value.includes(':')) throw notARef('it names no kind');
  let ref: { kind: string; namespace: string; name: string };
  try {
    ref = parseEntityRef(value, { defaultKind, defaultNamespace });
  } catch {
    throw notARef('a part of it is empty');
  }
  if (!validators.isValidKind(ref.kind)) {
    throw notARef(
      `the kind ${shown(
        ref.kind,
      )} is not 1-63 letters and digits, starting with a letter`,
    );
  }
  // Refs compare namespaces case-insensitively; entities spell them lower case.
  if (!validators.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US'))) {
    throw notARef(
      `the namespace ${shown(
        ref.namespace,
      )} is not 1-63 letters, digits and '-', starting and ending with a letter or digit`,
    );
  }
  if (!validators.isValidEntityName(ref.name)) {
    throw notARef(`the name ${shown(ref.name)} is not ${NAME_RULE}`);
  }
  if (
    kinds &&
    !kinds.some(
      kind =>
        kind.toLocaleLowerCase('en-US') === ref.kind.toLocaleLowerCase('en-US'),
    )
  ) {
    throw new InputError(
      `${field} ${shown(value)} must refer to ${kinds.join(' or ')}, not ${
        ref.kind
      }`,
    );
  }
  return stringifyEntityRef(ref);
}
