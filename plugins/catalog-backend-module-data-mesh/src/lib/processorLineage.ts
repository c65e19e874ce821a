import type { ObservedProcessorLineage } from '@kafka-mesh/plugin-data-mesh-common';

/** A declared input with the topic it is published on, where known. */
export interface DeclaredInput {
  /** Canonical entity ref of the input product. */
  input: string;
  /** Its output port; absent when the input is not published (missing). */
  output?: { cluster: string; topic: string };
}

export interface ProcessorLineageFacts {
  /** The cluster the processor's groups are looked for on (the output cluster). */
  cluster: string;
  /** Each declared group with the topics it has committed offsets on. */
  groups: Array<{ group: string; topics: string[] }>;
  inputs: DeclaredInput[];
  /** The products published on a topic of `cluster`. */
  productsOnTopic: (topic: string) => string[];
}

/**
 * Topics a processor reads that are its own plumbing, not lineage: Kafka's
 * internal topics and the Kafka Streams repartition and changelog topics of
 * the group (`<application.id>-…-repartition|changelog`).
 */
function isInternalTopic(topic: string, groups: string[]): boolean {
  if (topic.startsWith('__')) return true;
  return groups.some(
    group =>
      topic.startsWith(`${group}-`) &&
      (topic.endsWith('-repartition') || topic.endsWith('-changelog')),
  );
}

/**
 * Compares what a product's processor groups read with its declared inputs,
 * both ways. Inputs that are not published (already flagged as missing) and
 * inputs on another cluster (the groups are not looked for there) are left
 * out of the comparison. Pure and deterministic: lists sorted.
 */
export function compareProcessorLineage(
  facts: ProcessorLineageFacts,
): ObservedProcessorLineage {
  const groupNames = facts.groups.map(g => g.group);
  const read = new Set(
    facts.groups
      .flatMap(g => g.topics)
      .filter(topic => !isInternalTopic(topic, groupNames)),
  );
  const compared = facts.inputs.filter(
    (i): i is Required<DeclaredInput> => i.output?.cluster === facts.cluster,
  );
  const declaredTopics = new Set(compared.map(i => i.output.topic));
  return {
    cluster: facts.cluster,
    activeGroups: facts.groups
      .filter(g => g.topics.length > 0)
      .map(g => g.group)
      .sort(),
    declaredNotRead: compared
      .filter(i => !read.has(i.output.topic))
      .map(i => ({ input: i.input, topic: i.output.topic }))
      .sort((a, b) => a.input.localeCompare(b.input)),
    readNotDeclared: [...read]
      .filter(topic => !declaredTopics.has(topic))
      .sort()
      .map(topic => {
        const [product] = facts.productsOnTopic(topic).sort();
        return product ? { topic, product } : { topic };
      }),
  };
}

/** The drift in words, one line per finding; empty when there is none. */
export function describeLineageDrift(
  lineage: ObservedProcessorLineage,
): string[] {
  return [
    ...lineage.declaredNotRead.map(
      d =>
        `spec.inputs: ${d.input} is declared but the processor's consumer groups do not read its topic '${d.topic}'`,
    ),
    ...lineage.readNotDeclared.map(
      r =>
        `spec.inputs: the processor's consumer groups read '${r.topic}'${
          r.product ? ` (${r.product})` : ''
        }, which no declared input publishes`,
    ),
  ];
}
