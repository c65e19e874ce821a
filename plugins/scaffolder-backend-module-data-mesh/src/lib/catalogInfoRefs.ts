import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';

/**
 * The refs of the entities a catalog-info.yaml describes, so that they can
 * be reported before (and without) the catalog reading the file.
 *
 * @throws InputError when the file is not YAML, describes nothing, or an
 *   entity lacks kind or name
 */
export function catalogInfoRefs(text: string, file: string): string[] {
  const refs = parseAllDocuments(text).flatMap((doc, index) => {
    if (doc.errors.length > 0) {
      throw new InputError(
        `${file} is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    const entity = doc.toJSON() as {
      kind?: unknown;
      metadata?: { name?: unknown; namespace?: unknown };
    } | null;
    if (entity === null) return [];
    const { kind, metadata } = entity;
    if (typeof kind !== 'string' || typeof metadata?.name !== 'string') {
      throw new InputError(
        `${file}: document ${
          index + 1
        } is not an entity; it needs kind and metadata.name`,
      );
    }
    return [
      stringifyEntityRef({
        kind,
        namespace:
          typeof metadata.namespace === 'string'
            ? metadata.namespace
            : DEFAULT_NAMESPACE,
        name: metadata.name,
      }),
    ];
  });
  if (refs.length === 0) {
    throw new InputError(`${file} describes no entities`);
  }
  return refs;
}
