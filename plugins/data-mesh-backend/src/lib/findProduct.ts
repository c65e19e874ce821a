import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_PRODUCT_KIND,
  DataProductEntity,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';

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
  return { entity, ref };
}
