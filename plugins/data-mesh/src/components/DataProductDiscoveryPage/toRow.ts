import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  DataProductEntity,
  ProductFreshness,
  QualityStatus,
} from '@kafka-mesh/plugin-data-mesh-common';
import { consumerRefs, hasPii, ownerRefOf } from '../../lib';

/** One row of the discovery table. */
export type DataProductRow = {
  id: string;
  entity: DataProductEntity;
  name: string;
  title: string;
  description: string;
  owner: string;
  domain: string;
  tier: string;
  quality: string;
  classification: string;
  lifecycle: string;
  pii: boolean;
  /** The declared SLA freshness, which the live state is judged against. */
  freshness: string;
  topicStatus: 'ok' | 'missing' | 'unknown' | 'unobserved';
  consumers: number;
  /** The live freshness, once the backend reported it. */
  live?: ProductFreshness;
  /** The contract monitor's verdict, once the backend reported it. */
  checks?: QualityStatus;
};

/**
 * The row of a product, from the fields the discovery query asks
 * (`DISCOVERY_ENTITY_FIELDS`); the live state is added later.
 */
export function toRow(entity: DataProductEntity): DataProductRow {
  const observed = entity.spec.observed;
  return {
    id: stringifyEntityRef(entity),
    entity,
    name: entity.metadata.name,
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description ?? '',
    owner: ownerRefOf(entity),
    domain: entity.spec.domain,
    tier: entity.spec.sla.tier,
    quality: entity.spec.quality ?? '',
    classification: entity.spec.classification ?? '',
    lifecycle: entity.spec.lifecycle,
    pii: hasPii(entity),
    freshness: entity.spec.sla.freshness,
    topicStatus: observed?.topic?.status ?? 'unobserved',
    // Components and derived products (their processors) reading it.
    consumers: consumerRefs(entity).length,
  };
}
