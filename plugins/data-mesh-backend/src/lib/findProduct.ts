import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_PRODUCT_KIND,
  DataProductEntity,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  isPublishedProduct,
  productOwningTopic,
} from '@kafka-mesh/plugin-data-mesh-node';

/**
 * The DataProduct entity `dataproduct:<namespace>/<name>`, looked up with the
 * caller's credentials so that the catalog's own permissions apply.
 *
 * @throws NotFoundError when the catalog has no such product (for the caller)
 */
export async function findProduct(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  namespace: string,
  name: string,
): Promise<{ entity: DataProductEntity; ref: string }> {
  const ref = stringifyEntityRef({ kind: DATA_PRODUCT_KIND, namespace, name });
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity || !isDataProductEntity(entity)) {
    throw new NotFoundError(`No data product ${ref} in the catalog`);
  }
  await assertOwnsTopic(catalog, credentials, entity, ref);
  return { entity, ref };
}

/**
 * A topic belongs to one product: a hand-written DataProduct that names the
 * topic of a published one gets no live data (samples would otherwise be
 * masked by its piiFields, not the owner's). Published products own their
 * topic by construction, so only hand-written ones cost a catalog query.
 */
async function assertOwnsTopic(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  entity: DataProductEntity,
  ref: string,
): Promise<void> {
  if (isPublishedProduct(entity)) return;
  const { cluster, topic } = entity.spec.output;
  const owner = await productOwningTopic(catalog, credentials, cluster, topic);
  if (owner) {
    throw new NotFoundError(
      `${ref} names the topic '${topic}', which ${stringifyEntityRef(
        owner,
      )} publishes; live data is served for that product only`,
    );
  }
}

/**
 * The DataProduct entities behind the given refs, in one catalog request
 * made with the caller's credentials: refs the caller may not see, or that
 * name no DataProduct, are left out. Keyed by the ref as requested.
 */
export async function findProducts(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  refs: ReadonlyArray<{ requested: string; ref: string }>,
): Promise<Map<string, DataProductEntity>> {
  const found = new Map<string, DataProductEntity>();
  if (refs.length === 0) return found;
  const canonical = [...new Set(refs.map(r => r.ref))];
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: canonical },
    { credentials },
  );
  const byRef = new Map<string, DataProductEntity>();
  items.forEach((entity, i) => {
    if (entity && isDataProductEntity(entity)) byRef.set(canonical[i], entity);
  });
  for (const { requested, ref } of refs) {
    const entity = byRef.get(ref);
    if (entity) found.set(requested, entity);
  }
  return found;
}
