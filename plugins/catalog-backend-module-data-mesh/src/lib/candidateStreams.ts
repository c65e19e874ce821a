import { isError, ServiceUnavailableError } from '@backstage/errors';
import type { CandidateStream } from '@kafka-mesh/plugin-data-mesh-common';
import {
  KafkaUnavailableError,
  RegistryUnavailableError,
  type KafkaCluster,
  type SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { ProductIndex } from './ProductIndex';
import type { SchemaInspector } from './SchemaInspector';

/** A topic that could be published, before its schema has been looked at. */
type UnpublishedStream = Omit<CandidateStream, 'format'>;

/**
 * Internal topics are never products: Kafka's and tools' own (`_…`, `__…`)
 * and Kafka Streams' state (`…-changelog`, `…-repartition`).
 */
function isInternalTopic(topic: string): boolean {
  return (
    topic.startsWith('_') ||
    topic.endsWith('-changelog') ||
    topic.endsWith('-repartition')
  );
}

/**
 * The topics of one cluster that could be published: they have a value
 * schema (`<topic>-value`, the default subject naming) and no product yet.
 */
export function candidateStreams(
  cluster: string,
  topics: string[],
  subjects: Set<string>,
  productTopics: Set<string>,
): UnpublishedStream[] {
  return topics
    .filter(
      topic =>
        !isInternalTopic(topic) &&
        !productTopics.has(topic) &&
        subjects.has(`${topic}-value`),
    )
    .sort()
    .map(topic => ({ cluster, topic, subject: `${topic}-value` }));
}

export interface CandidateStreamSources {
  clusters: Array<Pick<KafkaCluster, 'name' | 'admin'>>;
  registry: Pick<SchemaRegistryRestClient, 'listSubjects'>;
  index: Pick<ProductIndex, 'productTopics'>;
  schemas: Pick<SchemaInspector, 'describe'>;
}

/**
 * The candidate streams of every cluster with their schema's format. Formats
 * come from the cached schema facts, so only subjects never seen before cost
 * registry requests. A stream whose schema cannot be read (gone since the
 * subject list, of a type the mesh does not know, registry failing) is left
 * out: it could not be published anyway.
 */
export async function listCandidateStreams({
  clusters,
  registry,
  index,
  schemas,
}: CandidateStreamSources): Promise<CandidateStream[]> {
  let streams: UnpublishedStream[];
  try {
    const subjects = new Set(await registry.listSubjects());
    const lists = await Promise.all(
      clusters.map(async cluster =>
        candidateStreams(
          cluster.name,
          await cluster.admin('listing topics', admin => admin.listTopics()),
          subjects,
          index.productTopics(cluster.name),
        ),
      ),
    );
    streams = lists.flat();
  } catch (error) {
    throw unavailable(error);
  }
  // The format is all a candidate needs.
  const facts = await schemas.describe(
    streams.map(s => s.subject),
    { withLevel: () => false },
  );
  return streams.flatMap(stream => {
    const schema = facts.get(stream.subject);
    return schema?.status === 'registered'
      ? [{ ...stream, format: schema.format }]
      : [];
  });
}

/**
 * A failed listing as a 503 that says which part is away, so that an
 * operator knows whether to look at Kafka or at the registry; of the type
 * of the failure, when it has one.
 */
function unavailable(error: unknown): ServiceUnavailableError {
  const cause = isError(error) ? error.message : String(error);
  if (error instanceof KafkaUnavailableError) {
    return new KafkaUnavailableError(`Kafka is unavailable: ${cause}`, error);
  }
  if (error instanceof RegistryUnavailableError) {
    return new RegistryUnavailableError(
      `The schema registry is unavailable: ${cause}`,
      error,
    );
  }
  return new ServiceUnavailableError(
    `Kafka or the schema registry is unreachable: ${cause}`,
    error,
  );
}
