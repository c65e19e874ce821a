import type { SchemaFacts } from '@kafka-mesh/plugin-data-mesh-common';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  KafkaUnavailableError,
  RegistryUnavailableError,
} from '@kafka-mesh/plugin-data-mesh-node';
import { fakeCluster } from '../__testUtils__/fakeCluster';
import {
  candidateStreams,
  CandidateStreamSources,
  listCandidateStreams,
} from './candidateStreams';

describe('candidateStreams', () => {
  it('lists topics with a value schema that are not products, internal topics excluded', () => {
    const topics = [
      'commerce.orders-placed.v1',
      'commerce.refunds.v1',
      'commerce.carts.v1',
      '_data-products',
      '__consumer_offsets',
      '_schemas',
      'app-store-changelog',
      'app-KSTREAM-repartition',
    ];
    const subjects = new Set([
      'commerce.orders-placed.v1-value',
      'commerce.refunds.v1-value',
      '_schemas-value',
      'app-store-changelog-value',
      'app-KSTREAM-repartition-value',
    ]);
    expect(
      candidateStreams(
        'local',
        topics,
        subjects,
        new Set(['commerce.orders-placed.v1']),
      ),
    ).toEqual([
      {
        cluster: 'local',
        topic: 'commerce.refunds.v1',
        subject: 'commerce.refunds.v1-value',
      },
    ]);
  });
});

describe('listCandidateStreams', () => {
  /** Two clusters; the schema facts are whatever the test gives. */
  function sources(facts: SchemaFacts[]) {
    const byCluster: Record<string, string[]> = {
      local: ['orders.v1', 'published.v1', 'no-schema.v1'],
      analytics: ['clicks.v1', 'xml.v1', 'gone.v1'],
    };
    const describe = jest.fn(
      async (subjects: Iterable<string>) =>
        new Map(
          [...subjects].flatMap(subject => {
            const found = facts.find(f => f.subject === subject);
            return found ? [[subject, found] as const] : [];
          }),
        ),
    );
    const listed: CandidateStreamSources = {
      clusters: Object.entries(byCluster).map(([name, topics]) =>
        fakeCluster({ listTopics: async () => topics }, { name }),
      ),
      registry: {
        listSubjects: async () =>
          [...byCluster.local, ...byCluster.analytics]
            .filter(topic => topic !== 'no-schema.v1')
            .map(topic => `${topic}-value`),
      },
      index: {
        productTopics: cluster =>
          new Set(cluster === 'local' ? ['published.v1'] : []),
      },
      schemas: { describe },
    };
    return { listed, describe };
  }

  const registered = (subject: string, format: 'avro' | 'json') =>
    ({
      status: 'registered',
      subject,
      version: 1,
      id: 1,
      format,
    } as const);

  it('gives each candidate the format of its registered schema, leaving out unreadable ones', async () => {
    const { listed, describe } = sources([
      registered('orders.v1-value', 'avro'),
      registered('clicks.v1-value', 'json'),
      { status: 'unknown', subject: 'xml.v1-value' },
      { status: 'missing', subject: 'gone.v1-value' },
    ]);
    expect(await listCandidateStreams(listed)).toEqual([
      {
        cluster: 'local',
        topic: 'orders.v1',
        subject: 'orders.v1-value',
        format: 'avro',
      },
      {
        cluster: 'analytics',
        topic: 'clicks.v1',
        subject: 'clicks.v1-value',
        format: 'json',
      },
    ]);
    // One batch for the candidates only: products and schemaless topics cost nothing.
    expect(describe).toHaveBeenCalledTimes(1);
    expect([...describe.mock.calls[0][0]].sort()).toEqual([
      'clicks.v1-value',
      'gone.v1-value',
      'orders.v1-value',
      'xml.v1-value',
    ]);
  });

  it('says which dependency is unreachable when listing fails', async () => {
    const { listed } = sources([]);
    listed.registry.listSubjects = async () => {
      throw new Error('registry answered HTTP 503');
    };
    const result = listCandidateStreams(listed);
    await expect(result).rejects.toThrow(ServiceUnavailableError);
    await expect(result).rejects.toThrow(
      'Kafka or the schema registry is unreachable: registry answered HTTP 503',
    );
  });

  it('names the registry when the registry is away', async () => {
    const { listed } = sources([]);
    listed.registry.listSubjects = async () => {
      throw new RegistryUnavailableError('unreachable (ECONNREFUSED)');
    };
    const result = listCandidateStreams(listed);
    await expect(result).rejects.toThrow(RegistryUnavailableError);
    await expect(result).rejects.toThrow(
      'The schema registry is unavailable: unreachable (ECONNREFUSED)',
    );
  });

  it('names Kafka when a cluster is away', async () => {
    const { listed } = sources([]);
    listed.clusters[1] = fakeCluster(
      () => {
        throw new KafkaUnavailableError(
          "Kafka cluster 'analytics' (listing topics) failed: Connection error",
        );
      },
      { name: 'analytics' },
    );
    const result = listCandidateStreams(listed);
    await expect(result).rejects.toThrow(KafkaUnavailableError);
    await expect(result).rejects.toThrow(
      "Kafka is unavailable: Kafka cluster 'analytics' (listing topics) failed: Connection error",
    );
  });
});
