import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { KAFKA_PRINCIPAL_RESOURCE_TYPE } from '@kafka-mesh/plugin-data-mesh-common';
import { kafkaPrincipalOf } from './grantAcls';
import { isClaimed, ownerRefOf } from './ownership';

/** A kafka-principal Resource the caller's team owns. */
export interface ResolvedPrincipal {
  ref: string;
  /** As the broker knows it, e.g. `User:orders-app`. */
  principal: string;
  owner: string;
}

/**
 * The Kafka principal a request names, looked up with the caller's
 * credentials, and checked to belong to one of the caller's teams: nobody
 * may get access for a service account they are not responsible for.
 *
 * @throws InputError when the ref names no kafka-principal Resource
 * @throws NotAllowedError naming the owner when the caller does not own it
 */
export async function resolvePrincipal(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  ref: string,
  ownershipRefs: readonly string[],
): Promise<ResolvedPrincipal> {
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new InputError(`principal: there is no ${ref} in the catalog`);
  }
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  if (entity.kind !== 'Resource' || type !== KAFKA_PRINCIPAL_RESOURCE_TYPE) {
    throw new InputError(
      `principal: ${ref} is not a Resource of spec.type ${KAFKA_PRINCIPAL_RESOURCE_TYPE}`,
    );
  }
  const owner = ownerRefOf(entity);
  if (!owner || !isClaimed(owner, ownershipRefs)) {
    throw new NotAllowedError(
      `You may only ask for access for principals your team owns; ${ref} is owned by ${
        owner ?? 'nobody'
      }`,
    );
  }
  return {
    ref: stringifyEntityRef(entity),
    principal: kafkaPrincipalOf(entity),
    owner,
  };
}
