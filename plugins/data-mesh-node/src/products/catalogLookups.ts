import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DataProductEntity,
  inputRefsOf,
  isDataProductEntity,
  toDataProductRef,
} from '@kafka-mesh/plugin-data-mesh-common';

/**
 * The catalog as the initiator of a task sees it.
 *
 * @public
 */
export interface CatalogReader {
  catalog: CatalogService;
  credentials: BackstageCredentials;
}

/**
 * Reads entities in one request; refs the catalog does not have (or the
 * initiator may not see) are absent from the map. Keys are canonical refs.
 */
export async function entitiesByRef(
  { catalog, credentials }: CatalogReader,
  refs: string[],
): Promise<Map<string, Entity>> {
  const unique = [...new Set(refs)];
  if (unique.length === 0) return new Map();
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: unique },
    { credentials },
  );
  const found = new Map<string, Entity>();
  items.forEach(item => {
    if (item) found.set(stringifyEntityRef(item), item);
  });
  return found;
}

/**
 * The entities named in `alongside` plus every data product upstream of
 * `descriptor`, read level by level: one catalog request per level of the
 * lineage graph, never one per product. Keys are canonical refs.
 *
 * @public
 */
export async function loadUpstream(
  reader: CatalogReader,
  descriptor: DataProductEntity,
  alongside: string[] = [],
): Promise<Map<string, Entity>> {
  const read = new Map<string, Entity>();
  const requested = new Set<string>();
  let batch = [...alongside, ...inputRefsOf(descriptor)];
  while (batch.length > 0) {
    batch.forEach(ref => requested.add(ref));
    const found = await entitiesByRef(reader, batch);
    found.forEach((entity, ref) => read.set(ref, entity));
    const inputs = [...found.values()]
      .filter(isDataProductEntity)
      .flatMap(inputRefsOf);
    batch = [...new Set(inputs)].filter(ref => !requested.has(ref));
  }
  return read;
}

/**
 * The DataProduct named by `ref` (kind and namespace optional), as the
 * initiator sees it.
 *
 * @public
 */
export async function findDataProduct(
  { catalog, credentials }: CatalogReader,
  ref: string,
): Promise<{ entity: DataProductEntity; ref: string }> {
  let canonical: string;
  try {
    canonical = toDataProductRef(ref);
  } catch (error) {
    throw new InputError(`'${ref}' is not an entity reference`);
  }
  const entity = await catalog.getEntityByRef(canonical, { credentials });
  if (!entity || !isDataProductEntity(entity)) {
    throw new InputError(
      `There is no data product ${canonical} in the catalog`,
    );
  }
  return { entity, ref: canonical };
}
