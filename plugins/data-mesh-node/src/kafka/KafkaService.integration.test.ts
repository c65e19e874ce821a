import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KafkaJSConnectionError } from 'kafkajs';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { readDataMeshConfig } from '../config/readDataMeshConfig';
import { localStackConfig, uniqueName } from '../testing/localStack';
import { createTopics } from './createTopics';
import { KafkaUnavailableError } from './errors';
import { DefaultKafkaService } from './KafkaService';

jest.setTimeout(60_000);

describe('DefaultKafkaService on the local broker', () => {
  const kafka = new DefaultKafkaService(
    readDataMeshConfig(localStackConfig()),
    {
      callTimeoutMs: 10_000,
    },
  );
  const cluster = kafka.cluster('local');
  const existing = uniqueName('it.kafka-service');
  const missing = uniqueName('it.kafka-service-missing');

  const offsetsOf = (topic: string) =>
    cluster.admin(
      `offsets of ${topic}`,
      admin => admin.fetchTopicOffsets(topic),
      { topic },
    );

  beforeAll(async () => {
    await cluster.admin('create', admin =>
      createTopics(admin, {
        topics: [{ topic: existing, numPartitions: 1, replicationFactor: 1 }],
      }),
    );
  });

  afterAll(async () => {
    await cluster
      .admin('clean up', admin =>
        admin.deleteTopics({ topics: [existing, missing] }),
      )
      .catch(() => undefined);
    await kafka.stop();
  });

  it('answers 404 for a missing topic without failing calls about other topics', async () => {
    await expect(offsetsOf(missing)).rejects.toThrow(NotFoundError);
    await expect(offsetsOf(missing)).rejects.toThrow(
      `The topic '${missing}' does not exist on the cluster 'local'`,
    );
    // The same shared service, right after: the missing topic must not
    // have stayed in what its admin refreshes.
    for (let i = 0; i < 3; i++) {
      expect(await offsetsOf(existing)).toHaveLength(1);
      expect(
        await cluster.admin('list groups', admin => admin.listGroups()),
      ).toHaveProperty('groups');
    }
  });

  it('serves a topic once it is created', async () => {
    const late = uniqueName('it.kafka-service-late');
    await expect(offsetsOf(late)).rejects.toThrow(NotFoundError);
    await cluster.admin('create', admin =>
      createTopics(admin, {
        topics: [{ topic: late, numPartitions: 2, replicationFactor: 1 }],
      }),
    );
    // A new topic's leaders are elected in a moment; then it is served.
    const offsets = await eventually(() => offsetsOf(late), {
      deadlineMs: 10_000,
      intervalMs: 200,
    });
    expect(offsets).toHaveLength(2);
    await cluster.admin('delete', admin =>
      admin.deleteTopics({ topics: [late] }),
    );
  });

  it('lends consumers from a bounded pool and disconnects them', async () => {
    const groupId = uniqueName('it-kafka-service-group');
    const seen = await cluster.consumer({ groupId }, async consumer => {
      await consumer.connect();
      return 'connected';
    });
    expect(seen).toBe('connected');
  });

  it("reports Kafka failing a producer's work as a ServiceUnavailableError with its cause; the caller's own errors pass through", async () => {
    const lost = new KafkaJSConnectionError('Connection error: lost');
    const failed = cluster.producer(async () => {
      throw lost;
    });
    await expect(failed).rejects.toThrow(KafkaUnavailableError);
    await expect(failed).rejects.toThrow(
      "Kafka cluster 'local' (produce) failed",
    );
    expect((await failed.catch(e => e)).cause).toBe(lost);

    const refused = new InputError('not a valid descriptor');
    await expect(
      cluster.producer(async () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
  });

  it('refuses an unknown cluster by name', () => {
    expect(() => kafka.cluster('nope')).toThrow(
      "The Kafka cluster 'nope' is not configured for the data mesh; configured clusters: local",
    );
  });

  it('reports an unreachable cluster as a ServiceUnavailableError with its cause', async () => {
    const unreachable = new DefaultKafkaService(
      readDataMeshConfig(
        localStackConfig({
          kafka: { clusters: [{ name: 'gone', brokers: ['localhost:1'] }] },
        }),
      ),
      { callTimeoutMs: 5_000 },
    );
    const attempt = unreachable
      .cluster('gone')
      .admin('list topics', admin => admin.listTopics());
    await expect(attempt).rejects.toThrow(KafkaUnavailableError);
    await expect(attempt).rejects.toBeInstanceOf(ServiceUnavailableError);
    const error = await attempt.catch(e => e);
    expect(error.message).toContain(
      "Kafka cluster 'gone' (list topics) failed",
    );
    expect(error.cause).toBeDefined();
    // Right after a failure the next call does not hammer the broker.
    await expect(
      unreachable.cluster('gone').admin('list topics', a => a.listTopics()),
    ).rejects.toThrow('reconnecting after a failure');
    await unreachable.stop();
  });
});
