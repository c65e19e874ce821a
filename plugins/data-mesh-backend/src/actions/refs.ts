import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * The canonical ref of what an agent named, with the kind and namespace it
 * may leave out: `checkout-team` is `group:default/checkout-team` where
 * groups are meant.
 *
 * @throws InputError when it is not an entity ref, or names another kind
 */
export function canonicalRef(
  raw: string,
  what: string,
  kinds: readonly string[],
): string {
  let ref: string;
  try {
    ref = stringifyEntityRef(
      parseEntityRef(raw.trim(), {
        defaultKind: kinds[0],
        defaultNamespace: DEFAULT_NAMESPACE,
      }),
    );
  } catch {
    throw new InputError(`${what} '${raw}' is not an entity reference`);
  }
  const kind = parseEntityRef(ref).kind;
  if (!kinds.some(k => k.toLocaleLowerCase('en-US') === kind)) {
    throw new InputError(
      `${what} '${raw}' names a ${kind}; expected ${kinds.join(' or ')}`,
    );
  }
  return ref;
}

/**
 * The owner's ref as the product page shows it: the catalog's `ownedBy`
 * relation, else `spec.owner` resolved in the product's namespace.
 */
export function ownerRefOf(entity: Entity): string {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef;
  const owner = String((entity.spec as { owner?: unknown })?.owner ?? '');
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
      }),
    );
  } catch {
    return owner;
  }
}
