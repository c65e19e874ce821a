import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  catalogConditions,
  createCatalogConditionalDecision,
  permissionRules,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import type { ExternalAccessGrant } from '../config/types';

// The catalog's own rules, so that whatever conditions the policy returns
// (isEntityOwner, hasAnnotation, isEntityKind, ...) mean here what they mean
// in the catalog.
const applyConditions = createConditionAuthorizer(
  Object.values(permissionRules),
);

/**
 * The product as the permission rules see it: the descriptor of a product
 * that is not in the catalog yet gets the `ownedBy` relation the catalog
 * would give it, so that "is the caller an owner" has the same answer
 * before and after the first publish.
 *
 * @public
 */
export function withOwnerRelation(descriptor: DataProductEntity): Entity {
  const owner = stringifyEntityRef(
    parseEntityRef(descriptor.spec.owner, {
      defaultKind: 'group',
      defaultNamespace: descriptor.metadata.namespace ?? DEFAULT_NAMESPACE,
    }),
  );
  return {
    ...descriptor,
    relations: [{ type: RELATION_OWNED_BY, targetRef: owner }],
  };
}

/**
 * Decides whether a caller may change a product, with the portal's
 * permission policy.
 *
 * Users: the policy's decision for the permission, conditions applied to
 * the product here (it may not be in the catalog yet, so the catalog
 * cannot apply them). Services: Backstage's permission client allows every
 * service-to-service call without asking the policy, so a service principal
 * (a static external-access token of a CI pipeline) acts only for the
 * groups `dataMesh.permissions.externalAccess` grants it, through the same
 * ownership rule; any other service is refused.
 *
 * @public
 */
export class ProductAccess {
  private readonly externalAccess: ReadonlyMap<string, string[]>;

  constructor(
    private readonly permissions: PermissionsService,
    private readonly auth: AuthService,
    externalAccess: ExternalAccessGrant[] = [],
  ) {
    // A static token's principal is a service whose subject is the one
    // configured with the token.
    this.externalAccess = new Map(
      externalAccess.map(g => [g.subject, g.actsFor]),
    );
  }

  async isAllowed(
    permission: ResourcePermission<'catalog-entity'>,
    product: Entity,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const decision = await this.decide(permission, credentials);
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return applyConditions(decision, product);
    }
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** @throws NotAllowedError naming the product, the action and who may */
  async assertAllowed(
    permission: ResourcePermission<'catalog-entity'>,
    product: Entity,
    credentials: BackstageCredentials,
    action: string,
  ): Promise<void> {
    if (await this.isAllowed(permission, product, credentials)) return;
    const ref = stringifyEntityRef(product);
    const owner = (product.spec as { owner?: unknown } | undefined)?.owner;
    throw new NotAllowedError(
      `You may not ${action} ${ref}: only its owner (${String(
        owner,
      )}) or a data mesh admin may (permission ${permission.name})`,
    );
  }

  private async decide(
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision> {
    if (this.auth.isPrincipal(credentials, 'user')) {
      const [decision] = await this.permissions.authorizeConditional(
        [{ permission }],
        { credentials },
      );
      return decision;
    }
    if (this.auth.isPrincipal(credentials, 'service')) {
      const claims = this.externalAccess.get(credentials.principal.subject);
      if (claims) {
        return createCatalogConditionalDecision(
          permission,
          catalogConditions.isEntityOwner({ claims }),
        );
      }
    }
    return { result: AuthorizeResult.DENY };
  }
}
