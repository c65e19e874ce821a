import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createTopics,
  publishDescriptor,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clientConfig, clusterConfig } from '@kafka-mesh/local-stack';
import type { Admin, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './index';

// `mesh test` and `mesh impact` against the real broker and registry of the
// local stack (started by jest globalSetup): records written in the
// registry's wire format, descriptors in a registry topic of this run.
jest.setTimeout(120_000);

const REPO_ROOT = resolve(__dirname, '../../..');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-it-check-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const schemaV1 = {
  type: 'record',
  name: 'Order',
  namespace: 'it.meshcheck',
  fields: [
    { name: 'orderId', type: ['null', 'string'], default: null },
    { name: 'email', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
};
/** Compatible: one more field, with a default. */
const schemaCompatible = {
  ...schemaV1,
  fields: [
    ...schemaV1.fields,
    { name: 'currency', type: 'string', default: 'EUR' },
  ],
};
/** Breaking: the required `amount` removed, a `total` without default in its place. */
const schemaBreaking = {
  ...schemaV1,
  fields: [
    schemaV1.fields[0],
    schemaV1.fields[1],
    { name: 'total', type: 'double' },
  ],
};

/** Avro's zig-zag varint of a long. */
function avroLong(n: number): Buffer {
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  const bytes: number[] = [];
  do {
    let byte = z % 128;
    z = Math.floor(z / 128);
    if (z > 0) byte |= 0x80;
    bytes.push(byte);
  } while (z > 0);
  return Buffer.from(bytes);
}
const avroString = (s: string) =>
  Buffer.concat([avroLong(Buffer.byteLength(s)), Buffer.from(s)]);

/** An Order in schemaV1's binary encoding (written by hand: avsc is not a dependency here). */
function encodeV1(value: Record<string, unknown>): Buffer {
  const amount = Buffer.alloc(8);
  amount.writeDoubleLE(value.amount as number);
  return Buffer.concat([
    value.orderId === null
      ? avroLong(0)
      : Buffer.concat([avroLong(1), avroString(value.orderId as string)]),
    avroString(value.email as string),
    amount,
  ]);
}

const qualityRules = [
  {
    name: 'order-id-present',
    metric: 'nullValues' as const,
    property: 'orderId',
    mustBe: 0,
  },
];

const kafka = createKafka(clusterConfig('admin'), {
  clientId: 'mesh-check-it',
});
const registry = new SchemaRegistryRestClient({ url: registryUrl });
let admin: Admin;
let producer: Producer;
let dir: string;
let configArgs: string[];
const topics: string[] = [];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as a user runs it against the stack, as the portal's Kafka user. */
async function mesh(...args: string[]): Promise<Result> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const portal = clientConfig('portal');
  const {
    BACKSTAGE_TOKEN: _t,
    BACKSTAGE_BACKEND_URL: _u,
    ...env
  } = process.env;
  const code = await main([...args, ...configArgs], {
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
    env: {
      ...env,
      DATA_MESH_KAFKA_BROKERS: portal.brokers.join(','),
      DATA_MESH_KAFKA_USERNAME: portal.sasl!.username,
      DATA_MESH_KAFKA_PASSWORD: portal.sasl!.password,
      DATA_MESH_KAFKA_MECHANISM: portal.sasl!.mechanism,
    },
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** A product with a topic, the v1 schema and records, published in the run's registry topic. */
async function product(
  label: string,
  values: Array<Record<string, unknown>>,
  spec: Partial<DataProductEntity['spec']> = {},
): Promise<DataProductEntity> {
  const name = `check-${label}-${randomUUID().slice(0, 6)}`;
  const topic = `commerce.${name}.v1`;
  topics.push(topic);
  await createTopics(admin, {
    topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
  });
  const { id } = await registry.register(`${topic}-value`, {
    schema: JSON.stringify(schemaV1),
    schemaType: 'AVRO',
  });
  await registry.setCompatibility(`${topic}-value`, 'BACKWARD');
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  if (values.length) {
    await producer.send({
      topic,
      acks: -1,
      messages: values.map((value, i) => ({
        key: String(i),
        value: Buffer.concat([header, encodeV1(value)]),
      })),
    });
  }
  const entity = makeDataProduct(name, topic, {
    qualityRules,
    piiFields: ['email'],
    ...spec,
  });
  await publishDescriptor(producer, registryTopic, entity);
  return entity;
}

const good = (i: number) => ({
  orderId: `o-${i}`,
  email: `someone${i}@example.com`,
  amount: 10 + i,
});

async function schemaFile(schema: unknown): Promise<string> {
  const file = join(dir, `${randomUUID().slice(0, 8)}.avsc`);
  await writeFile(file, JSON.stringify(schema));
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-check-it-'));
  const override = join(dir, 'app-config.it.yaml');
  await writeFile(
    override,
    `dataMesh:\n  registryTopic: ${registryTopic}\n  schemaRegistry:\n    url: ${registryUrl}\n`,
  );
  configArgs = [
    '--config',
    join(REPO_ROOT, 'app-config.yaml'),
    '--config',
    override,
  ];
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, {
    topics: [{ topic: registryTopic, numPartitions: 1, replicationFactor: 1 }],
  });
  producer = kafka.producer();
  await producer.connect();
}, 60_000);

afterAll(async () => {
  await producer?.disconnect();
  if (admin) {
    await admin
      .deleteTopics({ topics: [...topics, registryTopic] })
      .catch(() => undefined);
    await admin.disconnect();
  }
  for (const topic of topics) {
    await registry.deleteSubject(`${topic}-value`).catch(() => undefined);
  }
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('mesh test', () => {
  it('passes a product whose records keep its rules (exit 0)', async () => {
    const entity = await product('good', [0, 1, 2, 3, 4].map(good));
    const result = await mesh('test', `default/${entity.metadata.name}`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/order-id-present\s+error\s+0\s+pass/);
    expect(result.stdout).toContain('5 records read');
    expect(result.stdout).toContain('every record conforms');
    expect(result.stdout.split('\n').at(-1)).toBe('PASSED');
  });

  it('fails on a null value, naming the rule, with PII masked (exit 1)', async () => {
    const entity = await product('null', [
      good(0),
      { orderId: null, email: 'secret@example.com', amount: 3 },
    ]);
    const text = await mesh('test', `default/${entity.metadata.name}`);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/order-id-present\s+error\s+1\s+FAIL/);
    expect(text.stdout).toContain('FAILED: order-id-present');

    const json = await mesh(
      'test',
      `default/${entity.metadata.name}`,
      '--json',
      '--records',
      '10',
    );
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      passed: false,
      read: 2,
      rules: [
        {
          rule: 'order-id-present',
          value: 1,
          passed: false,
          severity: 'error',
        },
      ],
    });
    expect(json.stdout).not.toContain('secret@example.com');
  });

  it('counts records that are not in the registry wire format as non-conforming', async () => {
    const entity = await product('raw', [good(0)]);
    await producer.send({
      topic: entity.spec.output.topic,
      messages: [{ value: JSON.stringify(good(1)) }],
    });
    const result = await mesh('test', `default/${entity.metadata.name}`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'schema: 1 record does not conform to the registered schema',
    );
  });

  it('exits 2 on usage errors and unknown products', async () => {
    expect((await mesh('test')).code).toBe(2);
    expect((await mesh('test', 'default/x', '--records', 'many')).code).toBe(2);
    const missing = await mesh('test', `default/check-none-${run}`);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('is not published');
  });
});

describe('mesh impact', () => {
  let base: DataProductEntity;
  let derived: DataProductEntity;
  let derivedTwice: DataProductEntity;

  beforeAll(async () => {
    base = await product('base', [0, 1, 2, 3, 4].map(good));
    derived = await product('derived', [], {
      inputs: [base.metadata.name],
      owner: 'group:default/customer-team',
    });
    derivedTwice = await product('derived2', [], {
      inputs: [`dataproduct:default/${derived.metadata.name}`],
    });
  });

  it('accepts a compatible schema and lists the downstream products (exit 0)', async () => {
    const result = await mesh(
      'impact',
      `default/${base.metadata.name}`,
      await schemaFile(schemaCompatible),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('registry: accepted under BACKWARD');
    expect(result.stdout).toMatch(
      new RegExp(
        `dataproduct:default/${derived.metadata.name}\\s+group:default/customer-team\\s+1`,
      ),
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `dataproduct:default/${derivedTwice.metadata.name}\\s+group:default/checkout-team\\s+2`,
      ),
    );
    expect(result.stdout).toContain(
      'records: the new schema reads all 5 newest records',
    );
    expect(result.stdout).toContain('consumers: not checked (no portal token');
    expect(result.stdout.split('\n').at(-1)).toBe('OK: nothing breaks');
  });

  it('reports a breaking schema: the reason and the unreadable records (exit 1)', async () => {
    const result = await mesh(
      'impact',
      `default/${base.metadata.name}`,
      await schemaFile(schemaBreaking),
    );
    await mkdir(join(REPO_ROOT, 'test-results'), { recursive: true });
    await writeFile(
      join(REPO_ROOT, 'test-results/impact-report.txt'),
      `$ mesh impact default/${base.metadata.name} breaking.avsc\n${result.stdout}\n(exit ${result.code})\n`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('registry: REJECTED under BACKWARD');
    expect(result.stdout).toMatch(/total/);
    expect(result.stdout).toContain(
      'records: 5 of 5 newest records cannot be read with the new schema',
    );
    expect(result.stdout.split('\n').at(-1)).toBe('BREAKING');

    const json = await mesh(
      'impact',
      `default/${base.metadata.name}`,
      await schemaFile(schemaBreaking),
      '--json',
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      breaking: true,
      compatibility: { compatible: false },
      records: { checked: 5, unreadable: 5 },
    });
  });

  it('exits 2 for a schema that does not parse', async () => {
    const file = join(dir, 'broken.avsc');
    await writeFile(file, '{ "type": "record", ');
    const result = await mesh('impact', `default/${base.metadata.name}`, file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
  });
});
