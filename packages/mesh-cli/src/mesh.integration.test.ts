import { createKafka } from '@kafka-mesh/plugin-data-mesh-node';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Admin, Kafka } from 'kafkajs';
import { parse } from 'yaml';
import { main } from './index';

// The CLI against the real local stack (started by jest globalSetup, which
// exports DATA_MESH_KAFKA_BROKERS), on a registry topic of its own.

const PACKAGE_DIR = resolve(__dirname, '..');
const REPO_ROOT = resolve(PACKAGE_DIR, '../..');
const run = Date.now().toString(36) + randomUUID().slice(0, 6);
const topic = `_data-products-it-${run}`;
/** For the "never created" checks: configured, but nothing may create it. */
const untouchedTopic = `_data-products-it-${run}-untouched`;

function descriptor(
  name: string,
  {
    title = name,
    availability = 99.5,
    outputTopic = `it.${name}.v1`,
    retention = 'P7D',
  } = {},
): string {
  return `apiVersion: kafka-mesh.io/v1alpha1
kind: DataProduct
metadata:
  name: ${name}
  title: ${title}
spec:
  owner: group:default/checkout-team
  domain: commerce
  lifecycle: production
  output:
    cluster: local
    topic: ${outputTopic}
    format: json
  sla:
    tier: tier-2
    availability: ${availability}
    freshness: PT5M
    retention: ${retention}
    supportHours: business-hours
    onCall: https://oncall.example.com/checkout
`;
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
let configArgs: string[];
let untouchedConfigArgs: string[];
let kafka: Kafka;
let admin: Admin;

/** The CLI in this process. */
async function mesh(...args: string[]): Promise<Result> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, {
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** The CLI as users run it: `node bin/mesh.js`. */
async function meshProcess(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(PACKAGE_DIR, 'bin/mesh.js'), ...args],
      { cwd: PACKAGE_DIR, env: process.env, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as any;
    if (typeof code !== 'number') throw error;
    return { code, stdout, stderr };
  }
}

async function writeTemp(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** Every record of a topic, read independently of the CLI's own reader. */
async function recordsOf(
  name: string,
): Promise<Array<{ key: string; value: string | null }>> {
  const [{ high }] = await admin.fetchTopicOffsets(name);
  const expected = Number(high);
  const records: Array<{ key: string; value: string | null }> = [];
  if (expected === 0) return records;
  const consumer = kafka.consumer({ groupId: `it-mesh-cli-${randomUUID()}` });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [name], fromBeginning: true });
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`read ${records.length} of ${expected}`)),
        20_000,
      );
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ message }) => {
            records.push({
              key: message.key!.toString(),
              value: message.value?.toString() ?? null,
            });
            if (records.length >= expected) {
              clearTimeout(timer);
              done();
            }
          },
        })
        .catch(fail);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

async function endOffset(name: string): Promise<number> {
  const [{ high }] = await admin.fetchTopicOffsets(name);
  return Number(high);
}

beforeAll(async () => {
  if (!process.env.DATA_MESH_KAFKA_BROKERS) {
    throw new Error(
      'DATA_MESH_KAFKA_BROKERS is not set; is jest globalSetup configured?',
    );
  }
  dir = await mkdtemp(join(tmpdir(), 'mesh-cli-it-'));
  const base = join(REPO_ROOT, 'app-config.yaml');
  // The organisation's own naming rule, layered on the repo's defaults.
  const override = await writeTemp(
    'app-config.it.yaml',
    `dataMesh:\n  registryTopic: ${topic}\n  governance:\n    topicNaming: 'it.{name}.v{major}'\n`,
  );
  const untouched = await writeTemp(
    'app-config.untouched.yaml',
    `dataMesh:\n  registryTopic: ${untouchedTopic}\n`,
  );
  configArgs = ['--config', base, '--config', override];
  untouchedConfigArgs = ['--config', base, '--config', untouched];

  kafka = createKafka(
    {
      name: 'local',
      brokers: process.env.DATA_MESH_KAFKA_BROKERS!.split(','),
    },
    { clientId: 'mesh-cli-it' },
  );
  admin = kafka.admin();
  await admin.connect();
}, 30_000);

afterAll(async () => {
  await admin
    ?.deleteTopics({ topics: [topic, untouchedTopic] })
    .catch(() => undefined);
  await admin?.disconnect();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

describe('mesh CLI against the local stack', () => {
  it('publishes every descriptor of a file under its product id', async () => {
    const file = await writeTemp(
      'two.yaml',
      `${descriptor('it-orders', { title: 'Orders v1' })}---\n${descriptor(
        'it-payments',
      )}`,
    );
    const result = await meshProcess('publish', file, ...configArgs);
    expect(result).toEqual({
      code: 0,
      stdout: `published default/it-orders to local/${topic}\npublished default/it-payments to local/${topic}\n`,
      stderr: '',
    });

    const records = await recordsOf(topic);
    expect(records.map(r => r.key)).toEqual([
      'default/it-orders',
      'default/it-payments',
    ]);
    expect(JSON.parse(records[0].value!)).toMatchObject({
      kind: 'DataProduct',
      metadata: { name: 'it-orders', title: 'Orders v1' },
      spec: { output: { topic: 'it.it-orders.v1' } },
    });

    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: 2 /* TOPIC */, name: topic, configNames: ['cleanup.policy'] },
      ],
    });
    expect(configs.resources[0].configEntries[0].configValue).toBe('compact');
  }, 60_000);

  it('produces nothing when any descriptor of the file is invalid', async () => {
    const before = await endOffset(topic);
    const file = await writeTemp(
      'second-invalid.yaml',
      `${descriptor('it-orders', { title: 'Orders v9' })}---\n${descriptor(
        'it-broken',
        { availability: 120 },
      )}`,
    );
    const result = await meshProcess('publish', file, ...configArgs);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `${file}: it-broken: spec.sla.availability: must be <= 100\nnothing was published: 1 problem\n`,
    );
    expect(await endOffset(topic)).toBe(before);

    // Not even the registry topic is created for an invalid file.
    expect((await mesh('publish', file, ...untouchedConfigArgs)).code).toBe(1);
    expect(await admin.listTopics()).not.toContain(untouchedTopic);
  }, 60_000);

  it('refuses descriptors that break the governance rules of the config, publishing none', async () => {
    const before = await endOffset(topic);
    const file = await writeTemp(
      'ungoverned.yaml',
      `${descriptor('it-orders', { title: 'Orders v9' })}---\n${descriptor(
        'it-ungoverned',
        { outputTopic: 'commerce.it-ungoverned.v1', retention: 'P400D' },
      )}`,
    );
    const result = await meshProcess('publish', file, ...configArgs);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `${file}: it-ungoverned: spec.output.topic: topic 'commerce.it-ungoverned.v1' does not follow the naming rule 'it.{name}.v{major}', e.g. 'it.it-ungoverned.v1' (rule topic-naming, set by dataMesh.governance.topicNaming)\n` +
        `${file}: it-ungoverned: spec.sla.retention: retention P400D is above the maximum P365D (rule retention, set by dataMesh.governance.retention.max)\n` +
        'nothing was published: 2 problems\n',
    });
    expect(await endOffset(topic)).toBe(before);

    // Refused before anything touches Kafka: not even the registry topic.
    expect((await mesh('publish', file, ...untouchedConfigArgs)).code).toBe(1);
    expect(await admin.listTopics()).not.toContain(untouchedTopic);
  }, 60_000);

  it('exports the latest published version as ODPS', async () => {
    const file = await writeTemp(
      'v2.yaml',
      descriptor('it-orders', { title: 'Orders v2' }),
    );
    expect(await mesh('publish', file, ...configArgs)).toEqual({
      code: 0,
      stdout: `published default/it-orders to local/${topic}`,
      stderr: '',
    });

    const result = await meshProcess(
      'export',
      'default/it-orders',
      '--format',
      'odps',
      ...configArgs,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const odps = parse(result.stdout);
    expect(odps).toMatchObject({
      apiVersion: 'v1.0.0',
      kind: 'DataProduct',
      id: 'default/it-orders',
      name: 'Orders v2',
      domain: 'commerce',
      outputPorts: [{ name: 'it.it-orders.v1', type: 'topic' }],
    });
  }, 60_000);

  it('unpublishes with a tombstone, after which export says so', async () => {
    expect(await mesh('unpublish', 'default/it-orders', ...configArgs)).toEqual(
      {
        code: 0,
        stdout: `unpublished default/it-orders from local/${topic} (tombstone)`,
        stderr: '',
      },
    );
    const records = await recordsOf(topic);
    expect(records[records.length - 1]).toEqual({
      key: 'default/it-orders',
      value: null,
    });

    expect(await mesh('export', 'default/it-orders', ...configArgs)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'default/it-orders is not published',
    });
    // The other product is untouched.
    const payments = await mesh('export', 'default/it-payments', ...configArgs);
    expect(payments.code).toBe(0);
    expect(parse(payments.stdout)).toMatchObject({
      id: 'default/it-payments',
      name: 'it-payments',
    });
  }, 60_000);

  it('says clearly what cannot be exported', async () => {
    expect(await mesh('export', 'default/never-was', ...configArgs)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'default/never-was is not published',
    });
    // A registry topic that does not exist yet is read as empty, not created.
    expect(
      await mesh('export', 'default/it-orders', ...untouchedConfigArgs),
    ).toMatchObject({ code: 1, stderr: 'default/it-orders is not published' });
    expect(await admin.listTopics()).not.toContain(untouchedTopic);

    expect(
      await mesh('export', 'default/it-payments', '--format', 'csv'),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr: "unknown format 'csv'; supported: odps",
    });
    expect(await mesh('unpublish', 'not-an-id', ...configArgs)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "'not-an-id' is not a data product id of the form <namespace>/<name>",
    });
  }, 60_000);
});
