import {
  DEFAULT_NAMESPACE,
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { relationLineageOf } from '@kafka-mesh/plugin-data-mesh-common';
import type {
  DataProductEntity,
  DataProductStatus,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { DataProductId } from '../api';

/** The `{ namespace, name }` of an entity, as the backend routes want it. */
export function productIdOf(entity: Entity): DataProductId {
  return {
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  };
}

/** Components reading the product (`dependencyOf` → Component). */
export function consumingComponentRefs(entity: Entity): string[] {
  return relationLineageOf(entity).consumingComponents;
}

/**
 * Everything reading the product: consuming components and the products
 * built from it (their processors read it), each once, sorted.
 */
export function consumerRefs(entity: Entity): string[] {
  const { consumingComponents, downstreamProducts } = relationLineageOf(entity);
  return [...consumingComponents, ...downstreamProducts];
}

/** Products built from this one (`dependencyOf` → DataProduct). */
export function downstreamProductRefs(entity: Entity): string[] {
  return relationLineageOf(entity).downstreamProducts;
}

/** Products this one is built from (`dependsOn` → DataProduct). */
export function upstreamProductRefs(entity: Entity): string[] {
  return relationLineageOf(entity).upstreamProducts;
}

/** The owner's entity ref: the ownedBy relation, else `spec.owner`. */
export function ownerRefOf(entity: DataProductEntity): string {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) {
    return relation.targetRef;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(entity.spec.owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
      }),
    );
  } catch {
    return entity.spec.owner;
  }
}

/** Whether the product carries personal data. */
export function hasPii(entity: DataProductEntity): boolean {
  return (
    (entity.spec.piiFields?.length ?? 0) > 0 ||
    (entity.metadata.tags ?? []).includes('pii')
  );
}

/** Publication status; `deprecated` also when the lifecycle says so. */
export function effectiveStatusOf(
  entity: DataProductEntity,
): DataProductStatus {
  if (entity.spec.lifecycle === 'deprecated' && !entity.spec.status) {
    return 'deprecated';
  }
  return entity.spec.status ?? 'active';
}

/** Whether an ISO timestamp is older than `maxAgeMs` (default 5 minutes). */
export function isStale(
  observedAt: string | undefined,
  maxAgeMs = 5 * 60 * 1000,
  now: number = Date.now(),
): boolean {
  if (!observedAt) return true;
  const at = Date.parse(observedAt);
  return Number.isNaN(at) || now - at > maxAgeMs;
}
