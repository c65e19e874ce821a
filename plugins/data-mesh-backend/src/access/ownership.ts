import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The full ref of an entity's `spec.owner` (a bare name is a group in the
 * entity's namespace, as the catalog reads it), or undefined without one.
 */
export function ownerRefOf(entity: Entity): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    }),
  );
}

/** Whether a ref is among a user's ownership claims (refs compare case-insensitively). */
export function isClaimed(
  ref: string | undefined,
  ownershipRefs: readonly string[],
): boolean {
  if (!ref) return false;
  const wanted = ref.toLocaleLowerCase('en-US');
  return ownershipRefs.some(c => c.toLocaleLowerCase('en-US') === wanted);
}
