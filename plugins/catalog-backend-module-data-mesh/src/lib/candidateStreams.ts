import type { CandidateStream } from '@kafka-mesh/plugin-data-mesh-common';

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
): CandidateStream[] {
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
