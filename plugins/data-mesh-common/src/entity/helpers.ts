import {
  DEFAULT_NAMESPACE,
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DATA_PRODUCT_KIND } from '../constants';
import type { DataProductEntity, DataProductStatus } from './types';

/**
 * Tells whether an entity is a DataProduct; kinds compare case-insensitively, as in the catalog.
 *
 * @public
 */
export function isDataProductEntity(
  entity: Entity,
): entity is DataProductEntity {
  return (
    entity.kind.toLocaleLowerCase('en-US') ===
    DATA_PRODUCT_KIND.toLocaleLowerCase('en-US')
  );
}

/**
 * The product id, `<namespace>/<name>`: the key of the product in the
 * registry topic.
 *
 * @public
 */
export function productIdOf(entity: Entity): string {
  return `${entity.metadata.namespace ?? DEFAULT_NAMESPACE}/${
    entity.metadata.name
  }`;
}

/**
 * Splits a product id; the inverse of {@link productIdOf}.
 *
 * @public
 */
export function parseProductId(id: string): {
  namespace: string;
  name: string;
} {
  const [namespace, name, ...rest] = id.split('/');
  if (
    rest.length ||
    !KubernetesValidatorFunctions.isValidNamespace(namespace) ||
    !KubernetesValidatorFunctions.isValidObjectName(name)
  ) {
    throw new TypeError(
      `'${id}' is not a data product id of the form <namespace>/<name>`,
    );
  }
  return { namespace, name };
}

/**
 * The canonical (lower case) entity ref of a data product, with the kind
 * defaulting to DataProduct and the namespace to `defaultNamespace`, so that
 * `payments-settled` and `DataProduct:default/payments-settled` compare equal.
 * A ref naming another kind keeps that kind.
 *
 * @public
 */
export function toDataProductRef(
  ref: string,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: DATA_PRODUCT_KIND, defaultNamespace }),
  );
}

/**
 * The canonical refs of the product's inputs, resolved in its own namespace.
 *
 * @public
 */
export function inputRefsOf(entity: DataProductEntity): string[] {
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  return (entity.spec.inputs ?? []).map(ref =>
    toDataProductRef(ref, namespace),
  );
}

/**
 * The schema registry subject of the output topic.
 *
 * @public
 */
export function schemaSubjectOf(entity: DataProductEntity): string {
  return (
    entity.spec.output.schemaSubject ?? `${entity.spec.output.topic}-value`
  );
}

/**
 * The publication status, `active` when the descriptor leaves it out.
 *
 * @public
 */
export function statusOf(entity: DataProductEntity): DataProductStatus {
  return entity.spec.status ?? 'active';
}
