import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KAFKA_PRINCIPAL,
  KafkaAcl,
} from '@kafka-mesh/plugin-data-mesh-common';

/** The principal a kafka-principal Resource stands for, as the broker knows it. */
export function kafkaPrincipalOf(resource: Entity): string {
  const annotated =
    resource.metadata.annotations?.[ANNOTATION_KAFKA_PRINCIPAL]?.trim();
  return annotated || `User:${resource.metadata.name}`;
}

/**
 * The ACLs of a grant: reading the product's topic (READ to fetch, DESCRIBE
 * for its metadata and offsets) and using every consumer group that starts
 * with the request's prefix. Nothing else: no write, no other topic, no
 * cluster operation. From any host.
 */
export function grantAcls(grant: {
  topic: string;
  groupPrefix: string;
  principal: string;
}): KafkaAcl[] {
  const base = { principal: grant.principal, host: '*', permission: 'allow' };
  return [
    {
      ...base,
      resourceType: 'topic',
      resourceName: grant.topic,
      patternType: 'literal',
      operation: 'read',
    },
    {
      ...base,
      resourceType: 'topic',
      resourceName: grant.topic,
      patternType: 'literal',
      operation: 'describe',
    },
    {
      ...base,
      resourceType: 'group',
      resourceName: grant.groupPrefix,
      patternType: 'prefixed',
      operation: 'read',
    },
  ] as KafkaAcl[];
}

/** Whether two ACLs are the same ACL on the broker. */
export function sameAcl(a: KafkaAcl, b: KafkaAcl): boolean {
  return (
    a.resourceType === b.resourceType &&
    a.resourceName === b.resourceName &&
    a.patternType === b.patternType &&
    a.principal === b.principal &&
    a.host === b.host &&
    a.operation === b.operation &&
    a.permission === b.permission
  );
}
