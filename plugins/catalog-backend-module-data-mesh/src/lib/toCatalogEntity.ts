import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ANNOTATION_KAFKA_CLUSTER,
  ANNOTATION_KAFKA_TOPIC,
  DataProductEntity,
  EffectiveSlaResult,
  SchemaFacts,
  TopicFacts,
} from '@kafka-mesh/plugin-data-mesh-common';

export interface ObservedInputs {
  topic: TopicFacts;
  schema: SchemaFacts;
  sla: EffectiveSlaResult;
}

/**
 * The catalog entity for a published descriptor: the descriptor as the owner
 * wrote it, plus the annotations the catalog and the Kafka plugin read and
 * the facts observed in Kafka and the registry. Deterministic (no clocks), so
 * that two backend replicas emit identical entities and never fight.
 */
export function toCatalogEntity(
  descriptor: DataProductEntity,
  location: string,
  { topic, schema, sla }: ObservedInputs,
): DataProductEntity {
  return {
    ...descriptor,
    metadata: {
      ...descriptor.metadata,
      annotations: {
        ...descriptor.metadata.annotations,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [ANNOTATION_KAFKA_CLUSTER]: descriptor.spec.output.cluster,
        [ANNOTATION_KAFKA_TOPIC]: descriptor.spec.output.topic,
      },
    },
    spec: {
      ...descriptor.spec,
      observed: {
        topic,
        schema,
        effectiveSla: sla.effective,
        limitedBy: sla.limitedBy,
        slaWarnings: sla.warnings,
        missingInputs: sla.missingInputs,
      },
    },
  };
}
