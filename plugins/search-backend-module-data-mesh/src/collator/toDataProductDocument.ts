import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import type { DataProductDocument } from './DataProductDocument';
import { fieldText } from './fieldText';
import type { IndexedField } from './schemaFields';

/**
 * What a document needs of an entity: the catalog is asked for these
 * fields only.
 */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.owner',
  'spec.domain',
  'spec.lifecycle',
  'spec.sla.tier',
  'spec.sla.freshness',
  'spec.classification',
  'spec.observed.schema',
];

/** The entity page, as the catalog's routes spell it (lower case). */
export function entityPageOf(namespace: string, name: string): string {
  return `/catalog/${encodeURIComponent(
    namespace,
  )}/dataproduct/${encodeURIComponent(name)}`.toLowerCase();
}

/**
 * The search document of a product, with the fields of its registered
 * schema (none when they are not known).
 */
export function toDataProductDocument(
  entity: DataProductEntity,
  fields: readonly IndexedField[] = [],
): DataProductDocument {
  const { metadata } = entity;
  // Read with care: the catalog gave only ENTITY_FIELDS, and a hand-written
  // descriptor that failed validation may lack any of them.
  const spec: Partial<DataProductEntity['spec']> = entity.spec ?? {};
  const namespace = metadata.namespace ?? DEFAULT_NAMESPACE;
  const schema = spec.observed?.schema;
  const entityRef = stringifyEntityRef({
    kind: 'dataproduct',
    namespace,
    name: metadata.name,
  });
  return {
    title: metadata.title ?? metadata.name,
    text: metadata.description ?? '',
    location: entityPageOf(namespace, metadata.name),
    entityRef,
    // The search backend shows a result only to those who may read the
    // entity (the factory's visibilityPermission).
    authorization: { resourceRef: entityRef },
    kind: 'DataProduct',
    namespace,
    name: metadata.name,
    domain: spec.domain ?? '',
    owner: spec.owner ?? '',
    lifecycle: spec.lifecycle ?? '',
    tier: spec.sla?.tier ?? '',
    freshness: spec.sla?.freshness ?? '',
    classification: spec.classification ?? '',
    schema:
      schema?.status === 'registered'
        ? `${schema.subject} v${schema.version}`
        : '',
    fields: fields.map(f => f.path),
    fieldText: fieldText(fields),
  };
}

/** The registry id of the product's value schema, when one is registered. */
export function schemaIdOf(entity: DataProductEntity): number | undefined {
  const schema = entity.spec?.observed?.schema;
  return schema?.status === 'registered' ? schema.id : undefined;
}
