import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KafkaJSConnectionError } from 'kafkajs';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { readDataMeshConfig } from '../config/readDataMeshConfig';
import { localStackConfig, uniqueName } from '../__testUtils__/localStack';
import { createKafka } from './createKafka';
import { createTopics } from './createTopics';
import { KafkaNotAuthorizedError, KafkaUnavailableError } from './errors';
import { DefaultKafkaService } from './KafkaService';

jest.setTimeout(60_000);

/**
 * The test's own fixtures (deleting topics: the portal has no DELETE) run
 * as the broker's admin; the service under test runs as the portal.
 */
async function deleteTopicsAsAdmin(topics: string[]) {
  const admin = createKafka(clusterConfig('admin'), {
    clientId: 'data-mesh-tests-fixtures',
  }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

describe('DefaultKafkaService on the local broker', () => {
  // As the portal (localStackConfig's default principal).
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
    await deleteTopicsAsAdmin([existing]).catch(() => undefined);
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
    await deleteTopicsAsAdmin([late]);
  });

  it('lends consumers from a bounded pool and disconnects them', async () => {
    // One of the portal's own groups, as the suite's readers use.
    const groupId = uniqueName(`${PORTAL_CONSUMER_GROUP_PREFIX}it-service`);
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

  it('works over the SASL_SSL listener with the stack CA', async () => {
    const overTls = new DefaultKafkaService(
      readDataMeshConfig(
        localStackConfig({
          kafka: {
            clientId: 'data-mesh-tests',
            clusters: [clusterConfig('portal', { listener: 'ssl' })],
          },
        }),
      ),
      { callTimeoutMs: 10_000 },
    );
    try {
      const tls = overTls.cluster('local');
      expect(tls.config.ssl).toBeTruthy();
      expect(tls.config.brokers).not.toEqual(cluster.config.brokers);
      const topics = await tls.admin('list topics', admin =>
        admin.listTopics(),
      );
      expect(topics).toContain(existing);

      const value = `over tls ${uniqueName('v')}`;
      await tls.producer(producer =>
        producer.send({
          topic: existing,
          messages: [{ key: 'tls', value }],
        }),
      );
      const groupId = uniqueName(`${PORTAL_CONSUMER_GROUP_PREFIX}it-tls`);
      const read = await tls.consumer({ groupId }, async consumer => {
        await consumer.connect();
        await consumer.subscribe({ topic: existing, fromBeginning: true });
        return new Promise<string[]>((resolve, reject) => {
          const seen: string[] = [];
          consumer
            .run({
              eachMessage: async ({ message }) => {
                seen.push(message.value!.toString());
                if (seen.includes(value)) resolve(seen);
              },
            })
            .catch(reject);
        });
      });
      expect(read).toContain(value);
      await tls
        .admin('delete the reader group', admin =>
          admin.deleteGroups([groupId]),
        )
        .catch(() => undefined);
    } finally {
      await overTls.stop();
    }
  });

  it('answers a call the portal has no ACL for with 403, not 503, and keeps working', async () => {
    // The portal may create topics but not delete them.
    const attempt = cluster.admin('delete a topic', admin =>
      admin.deleteTopics({ topics: [existing], timeout: 5_000 }),
    );
    await expect(attempt).rejects.toThrow(KafkaNotAuthorizedError);
    const error = await attempt.catch(e => e);
    expect(error).not.toBeInstanceOf(ServiceUnavailableError);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toContain(
      "Kafka cluster 'local' (delete a topic) was refused",
    );
    expect(error.cause).toBeDefined();

    // No backoff: the connection works, the very next call is served.
    const topics = await cluster.admin('list topics', admin =>
      admin.listTopics(),
    );
    expect(topics).toContain(existing);
    expect(await offsetsOf(existing)).toHaveLength(1);
  });
});
