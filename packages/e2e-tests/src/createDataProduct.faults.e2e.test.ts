import {
  expectedTopicName,
  GovernanceRulesResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunningBackend, startBackend } from 'backend/testing';
import { describeRun, PortalApi } from './__testUtils__/portalApi';
import { testResults } from './repoPaths';
import { IsolatedStack, startIsolated } from '@kafka-mesh/local-stack';

// The "Create data product" template run by the real scaffolder of the real
// backend while the broker restarts under it, on a private stack (the
// shared one other test files use stays up). The contract: the task
// either completes, with the topic, the subject and the published product
// all there, or fails cleanly, leaving no topic, no subject and no
// descriptor behind.
jest.setTimeout(300_000);

/** How long the broker stays away: a restart, not an outage of minutes. */
const BROKER_DOWN_MS = 5_000;

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-faults-${run}`;
const owner = 'group:default/guests';
const domainName = 'e2e';

const orderSchema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'e2e',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'amountCents', type: 'long' },
  ],
};

/** What the "Create data product" form submits. */
const form = (name: string) => ({
  owner,
  domain: `domain:default/${domainName}`,
  name,
  title: `Orders placed ${run}`,
  description: 'Every order placed in the e2e shop, across a broker restart.',
  tags: ['e2e'],
  major: 1,
  lifecycle: 'production',
  sla: {
    tier: 'tier-2',
    availability: 99.5,
    freshness: 'PT15M',
    supportHours: 'business-hours',
    onCall: 'https://oncall.example.com/e2e',
  },
  quality: 'curated',
  classification: 'internal',
  inputs: [],
  acknowledgeSlaAboveInputs: false,
  format: 'avro',
  schema: JSON.stringify(orderSchema, null, 2),
  cluster: 'local',
  partitions: 2,
});

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Seconds since `since`, to one decimal, for the report. */
const secondsSince = (since: number) =>
  Math.round((Date.now() - since) / 100) / 10;

describe('Create data product while the broker restarts', () => {
  let isolated: IsolatedStack;
  let backend: RunningBackend | undefined;
  let api: PortalApi;
  let topicOf: (name: string) => string;
  const reposRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-faults-'));

  beforeAll(async () => {
    isolated = await startIsolated();
    backend = await startBackend(
      {
        dataMesh: {
          registryTopic,
          scaffolder: { localRepositories: { root: reposRoot } },
        },
      },
      // The private stack has principals (and passwords) of its own.
      {
        cluster: isolated.clusterConfig('portal'),
        registryUrl: isolated.registryUrl,
      },
    );
    api = await PortalApi.signInAsGuest(backend.baseUrl);
    await eventually(async () => {
      if (!(await api.entity('template:default/create-data-product'))) {
        throw new Error('the catalog does not hold the template yet');
      }
    });
    const { body } = await api.request<GovernanceRulesResponse>(
      'GET',
      '/api/data-mesh/governance',
    );
    topicOf = name =>
      expectedTopicName({ domain: domainName, name, major: 1 }, body.rules);
  }, 420_000);

  afterAll(async () => {
    if (backend) {
      // The backend's log explains a failed step beyond the task's events.
      fs.mkdirSync(testResults, { recursive: true });
      fs.writeFileSync(
        path.join(testResults, 'create-data-product-faults-backend.log'),
        backend.output(),
      );
    }
    await backend?.stop();
    await isolated?.down();
    fs.rmSync(reposRoot, { recursive: true, force: true });
  });

  /** What the isolated stack holds for the product, read afresh. */
  async function leftBehind(name: string) {
    const topic = topicOf(name);
    // Read as the broker's admin: a check, not the portal.
    const kafka = createKafka(isolated.clusterConfig('admin'), {
      clientId: 'e2e-faults',
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      const partitions = topics.includes(topic)
        ? (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]
            .partitions.length
        : undefined;
      const registry = new SchemaRegistryRestClient({
        url: isolated.registryUrl,
      });
      return {
        topic: topics.includes(topic),
        partitions,
        subject: await registry.latestVersion(`${topic}-value`),
        // A tombstone is no descriptor either.
        descriptor:
          (await registryRecords(kafka, admin)).get(`default/${name}`) ??
          undefined,
      };
    } finally {
      await admin.disconnect();
    }
  }

  // Where the restart lands: as the first Kafka step begins (the topic,
  // then the schema, whose registry keeps its state in Kafka), and as the
  // producer repository is generated, so that Kafka is away when the
  // publish begins (the descriptor, then the catalog reading it).
  it.each([
    ['the topic step begins', 'topic'],
    ['the producer is generated', 'fetch'],
  ])(
    'restarted as %s: either completes with the topic, the subject and the product, or fails leaving none of them',
    async (_, stepId) => {
      const name = `orders-${stepId}-${run}`;
      const topic = topicOf(name);
      const productRef = `dataproduct:default/${name}`;

      const started = await api.startTask('create-data-product', form(name));
      expect(started.status).toBe(201);
      const id = started.body.id!;
      const startedAt = Date.now();

      await eventually(
        async () => {
          const log = await api.taskLog(id);
          if (
            !log.some(line => line.startsWith(`[${stepId}] Beginning step`))
          ) {
            throw new Error(
              `task ${id} has not reached the ${stepId} step:\n${log.join(
                '\n',
              )}`,
            );
          }
        },
        { deadlineMs: 120_000, intervalMs: 100 },
      );
      let statusWhenDown: string;
      let stepWhenDown: string | undefined;
      const stoppedAt = Date.now();
      try {
        await isolated.stopPart('kafka');
        // The restart happened under the task, not after it.
        statusWhenDown = await api.taskStatus(id);
        stepWhenDown = (await api.taskLog(id))
          .filter(line => line.includes('Beginning step'))
          .pop();
        await sleep(BROKER_DOWN_MS);
      } finally {
        await isolated.startPart('kafka');
      }
      const downFor = secondsSince(stoppedAt);
      const result = await api.waitForTask(id, { deadlineMs: 240_000 });
      const after = await leftBehind(name);
      const retries = result.log.filter(line => line.includes('trying again'));
      process.stderr.write(
        `[faults] create-data-product, broker restarted as ${stepId} began: ${
          result.status
        } ${secondsSince(
          startedAt,
        )} s after it started; Kafka stopped at "${stepWhenDown}", back after ${downFor} s; ${
          retries.length
        } step attempt(s) waited for it${retries
          .map(r => `\n  ${r}`)
          .join('')}\n`,
      );

      expect(statusWhenDown).toBe('processing');
      const completed = result.status === 'completed';
      if (!completed) {
        process.stderr.write(
          `[faults] the task did not complete:\n${describeRun(result)}\n`,
        );
      }
      // A completed task waited until the catalog showed the product.
      const inCatalog = completed
        ? await eventually(async () => {
            const found = await api.entity(productRef);
            if (!found) throw new Error(`${productRef} is not in the catalog`);
            return found;
          })
        : await api.entity(productRef);
      const outcome = {
        status: result.status,
        topic: after.topic,
        partitions: after.partitions,
        subjectVersion: after.subject?.version,
        schema: after.subject && JSON.parse(after.subject.schema),
        descriptor: after.descriptor,
        catalog: inCatalog?.spec,
        link: result.output.links?.find(
          (l: { title: string }) => l.title === 'Data product',
        )?.url,
      };
      const output = { cluster: 'local', topic, format: 'avro' };
      // Completed: everything the task promised exists.
      const whenCompleted = {
        status: 'completed',
        topic: true,
        partitions: 2,
        subjectVersion: 1,
        schema: orderSchema,
        descriptor: expect.objectContaining({
          metadata: expect.objectContaining({ name }),
          spec: expect.objectContaining({ owner, output }),
        }),
        catalog: expect.objectContaining({
          owner,
          output: expect.objectContaining(output),
        }),
        link: `/catalog/default/dataproduct/${name}`,
      };
      // Failed cleanly: nothing half-created remains.
      const whenFailed = {
        status: 'failed',
        topic: false,
        partitions: undefined,
        subjectVersion: undefined,
        schema: undefined,
        descriptor: undefined,
        catalog: undefined,
        link: undefined,
      };
      expect(outcome).toEqual(completed ? whenCompleted : whenFailed);
    },
  );
});

/**
 * The latest value per key on the registry topic (null for a tombstone),
 * read from the beginning up to its end with a group that commits nothing.
 */
async function registryRecords(
  kafka: ReturnType<typeof createKafka>,
  admin: ReturnType<ReturnType<typeof createKafka>['admin']>,
): Promise<Map<string, unknown>> {
  const records = new Map<string, unknown>();
  if (!(await admin.listTopics()).includes(registryTopic)) return records;
  const pending = new Map(
    (await admin.fetchTopicOffsets(registryTopic))
      .filter(p => Number(p.high) > Number(p.low))
      .map(p => [p.partition, Number(p.high) - 1]),
  );
  if (pending.size === 0) return records;
  const consumer = kafka.consumer({
    groupId: `e2e-faults-reader-${randomUUID()}`,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: registryTopic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            records.set(
              message.key!.toString(),
              message.value ? JSON.parse(message.value.toString()) : null,
            );
            if (Number(message.offset) >= pending.get(partition)!) {
              pending.delete(partition);
              if (pending.size === 0) resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
