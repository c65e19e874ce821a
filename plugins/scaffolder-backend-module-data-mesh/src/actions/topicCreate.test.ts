import { ConflictError, InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  cleanUp,
  exampleInput,
  runAction,
  testClients,
  testWriter,
  topicExists,
  unique,
} from '../__testUtils__/testEnvironment';
import { readTopicSettings } from '../lib/topicSettings';
import { createTopicCreateAction } from './topicCreate';
import { examples } from './topicCreate.examples';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('kafka:topic:create', () => {
  const clients = testClients();
  const catalog = catalogServiceMock();
  const action = createTopicCreateAction({
    writer: testWriter({ clients, catalog }),
  });
  const created: string[] = [];

  /** A unique product name and its topic under the default naming rule. */
  function names(domain = 'commerce') {
    const name = `orders-placed-${unique()}`;
    const topic = `${domain}.${name}.v1`;
    created.push(topic);
    return { name, topic };
  }

  afterAll(() => cleanUp(clients, { topics: created }));

  it('creates a topic with the tier defaults (example 1), and does nothing when run again', async () => {
    const { name, topic } = names();
    const input = { ...exampleInput(examples, 0), name, topic };

    const output = await runAction(action, input);
    expect(output).toEqual({
      cluster: 'local',
      topic,
      partitions: 3,
      // Governance wants 3, the local stack has one broker.
      replicationFactor: 1,
      retentionMs: 7 * DAY_MS,
      cleanupPolicy: 'delete',
      created: true,
    });
    const settings = await clients.withAdmin('local', admin =>
      readTopicSettings(admin, topic),
    );
    expect(settings).toEqual({
      partitions: 3,
      replicationFactor: 1,
      retentionMs: 7 * DAY_MS,
      cleanupPolicy: 'delete',
    });

    expect(await runAction(action, input)).toEqual({
      ...output,
      created: false,
    });
  });

  it('creates a compacted topic with the given retention (example 2)', async () => {
    const { name, topic } = names('customers');
    const output = await runAction(action, {
      ...exampleInput(examples, 1),
      name,
      topic,
    });
    expect(output).toMatchObject({
      partitions: 3,
      retentionMs: 30 * DAY_MS,
      cleanupPolicy: 'compact,delete',
      created: true,
    });
    const settings = await clients.withAdmin('local', admin =>
      readTopicSettings(admin, topic),
    );
    expect(settings?.cleanupPolicy).toBe('compact,delete');
  });

  it('refuses a topic that exists with other settings, listing the differences', async () => {
    const { name, topic } = names();
    const input = { ...exampleInput(examples, 0), name, topic };
    await runAction(action, input);

    const attempt = runAction(action, {
      ...input,
      partitions: 6,
      retention: 'P1D',
    });
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow(
      `The topic '${topic}' exists on the cluster 'local' with other settings: partitions is 3, not 6; retention.ms is ${
        7 * DAY_MS
      }, not ${DAY_MS}`,
    );
    const settings = await clients.withAdmin('local', admin =>
      readTopicSettings(admin, topic),
    );
    expect(settings?.partitions).toBe(3);
  });

  it('refuses a topic name that breaks the naming rule, creating nothing', async () => {
    const { name } = names();
    // No trailing digits: the rule's example would take them as the major.
    const topic = `orders_${unique()}_stream`;
    created.push(topic);
    const attempt = runAction(action, {
      ...exampleInput(examples, 0),
      name,
      topic,
    });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      `topic '${topic}' does not follow the naming rule '{domain}.{name}.v{major}', e.g. 'commerce.${name}.v1' (rule topic-naming, set by dataMesh.governance.topicNaming)`,
    );
    expect(await topicExists(clients, topic)).toBe(false);
  });

  it('refuses characters Kafka does not allow in a topic name', async () => {
    const { name } = names();
    const topic = `commerce.${name}.v1/x`;
    await expect(
      runAction(action, { ...exampleInput(examples, 0), name, topic }),
    ).rejects.toThrow(
      `topic '${topic}' may only hold letters, digits, '.', '_' and '-', at most 249 of them`,
    );
    expect(await topicExists(clients, topic)).toBe(false);
  });

  it.each([
    [
      13,
      '13 partitions is above the maximum of 12 (rule partitions, set by dataMesh.governance.partitions.max)',
    ],
    [
      0,
      '0 partitions is below the minimum of 1 (rule partitions, set by dataMesh.governance.partitions.min)',
    ],
  ])('refuses %i partitions, creating nothing', async (partitions, message) => {
    const { name, topic } = names();
    await expect(
      runAction(action, {
        ...exampleInput(examples, 0),
        name,
        topic,
        partitions,
      }),
    ).rejects.toThrow(message);
    expect(await topicExists(clients, topic)).toBe(false);
  });

  it('refuses a retention outside the governance range, creating nothing', async () => {
    const { name, topic } = names();
    await expect(
      runAction(action, {
        ...exampleInput(examples, 0),
        name,
        topic,
        retention: 'P400D',
      }),
    ).rejects.toThrow(
      'retention P400D is above the maximum P365D (rule retention, set by dataMesh.governance.retention.max)',
    );
    expect(await topicExists(clients, topic)).toBe(false);
  });

  it('reports every broken rule at once', async () => {
    const { name } = names();
    const topic = `bad-${unique()}`;
    const attempt = runAction(action, {
      ...exampleInput(examples, 0),
      name,
      topic,
      partitions: 40,
      retention: 'P1M',
    });
    await expect(attempt).rejects.toThrow(/naming rule/);
    await expect(attempt).rejects.toThrow(/40 partitions is above/);
    await expect(attempt).rejects.toThrow(
      "retention: 'P1M' uses years or months",
    );
    expect(await topicExists(clients, topic)).toBe(false);
  });

  it('only uses configured clusters, never broker addresses from input', async () => {
    const { name, topic } = names();
    await expect(
      runAction(action, {
        ...exampleInput(examples, 0),
        cluster: 'evil.example.com:9092',
        name,
        topic,
      }),
    ).rejects.toThrow(
      "The Kafka cluster 'evil.example.com:9092' is not configured for the data mesh; configured clusters: local",
    );
    expect(await topicExists(clients, topic)).toBe(false);
  });

  it('takes the partition default and tier defaults from the governance config', async () => {
    const governed = testClients({
      governance: {
        partitions: { min: 2, max: 8, default: 5 },
        topicDefaults: {
          'tier-3': { retention: 'P2D', cleanupPolicy: 'compact' },
        },
      },
    });
    const { name, topic } = names();
    const output = await runAction(
      createTopicCreateAction({
        writer: testWriter({ clients: governed, catalog }),
      }),
      {
        cluster: 'local',
        topic,
        domain: 'commerce',
        name,
        slaTier: 'tier-3',
      },
    );
    expect(output).toMatchObject({
      partitions: 5,
      retentionMs: 2 * DAY_MS,
      cleanupPolicy: 'compact',
      created: true,
    });
  });

  it('checks everything but creates nothing in a dry run', async () => {
    const { name, topic } = names();
    const output = await runAction(
      action,
      { ...exampleInput(examples, 0), name, topic },
      { isDryRun: true },
    );
    expect(output).toMatchObject({ topic, partitions: 3, created: false });
    expect(await topicExists(clients, topic)).toBe(false);

    await expect(
      runAction(
        action,
        { ...exampleInput(examples, 0), name, topic, partitions: 99 },
        { isDryRun: true },
      ),
    ).rejects.toThrow(/99 partitions is above the maximum/);
  });
});
