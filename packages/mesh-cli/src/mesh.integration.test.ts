import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createTopics,
  DefaultKafkaService,
  readRegistryTopic,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clientConfig, clusterConfig } from '@kafka-mesh/local-stack';
import type { Admin } from 'kafkajs';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
// The portal backend as the other tests start it; a test helper of the
// backend package, which is not a dependency of this one.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  RunningBackend,
  startBackend,
} from '../../backend/src/testing/startBackend';
import { main } from './index';

// The CLI against a real portal backend (its REST API, the publish barrier
// and the portal's permission policy) on the real local stack (started by
// jest globalSetup, which exports its addresses), with two people signed in
// through the development sign-in: an owner of the checkout team's products
// and someone of another team. The backend has a registry topic of its own.
jest.setTimeout(120_000);

const PACKAGE_DIR = resolve(__dirname, '..');
const REPO_ROOT = resolve(PACKAGE_DIR, '../..');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-it-cli-${run}`;

/** app-config.yaml's development users. */
const OWNER = 'amara.okafor'; // group:default/checkout-team
const OTHER = 'chloe.martin'; // group:default/customer-team
const CHECKOUT = 'group:default/checkout-team';
const CUSTOMERS = 'group:default/customer-team';

const avroSchema = JSON.stringify({
  type: 'record',
  name: 'Event',
  namespace: 'it.meshcli',
  fields: [{ name: 'id', type: 'string' }],
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let backend: RunningBackend;
let ownerToken: string;
let otherToken: string;
let dir: string;
let exportConfigArgs: string[];
let admin: Admin;
const topics: string[] = [];
// Fixtures (topics, clean-up) as the broker's admin; the backend and the
// readers below connect as the portal.
const kafka = createKafka(clusterConfig('admin'), { clientId: 'mesh-cli-it' });
const registry = new SchemaRegistryRestClient({
  url:
    process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
    'http://localhost:8081/apis/ccompat/v7',
});
/** Reads the registry topic the way the portal reads it, as the portal. */
const kafkaService = new DefaultKafkaService({
  registryTopic,
  clientId: 'mesh-cli-it',
  clusters: [clusterConfig('portal')],
  schemaRegistry: { url: '' }, // not used by the service
});

/** A token of a development user, as the portal's sign-in gets it. */
async function signIn(user: string): Promise<string> {
  const res = await fetch(`${backend.baseUrl}/api/auth/devUser/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-data-mesh-dev-user': user,
    },
  });
  const body = await res.json();
  const token = body?.backstageIdentity?.token;
  if (!res.ok || !token) {
    throw new Error(
      `sign-in as ${user}: HTTP ${res.status} ${JSON.stringify(body)}`,
    );
  }
  return token;
}

/** The environment without anyone's token or backend, so a test says which. */
function cleanEnv(extra: Record<string, string> = {}) {
  const {
    BACKSTAGE_TOKEN: _token,
    BACKSTAGE_BACKEND_URL: _url,
    ...env
  } = process.env;
  return { ...env, ...extra };
}

/** The CLI in this process, as `token`'s owner, against the test backend. */
async function mesh(
  token: string | undefined,
  ...args: string[]
): Promise<Result> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main([...args, '--backend', backend.baseUrl], {
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
    env: cleanEnv(token ? { BACKSTAGE_TOKEN: token } : {}),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/**
 * `mesh export`, which reads the registry topic of the config: the stack's
 * brokers and the portal's credentials from the environment, as a user of
 * the CLI would set them.
 */
async function meshExport(id: string): Promise<Result> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const portal = clientConfig('portal');
  const code = await main(['export', id, ...exportConfigArgs], {
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
    env: {
      ...process.env,
      DATA_MESH_KAFKA_BROKERS: portal.brokers.join(','),
      DATA_MESH_KAFKA_USERNAME: portal.sasl!.username,
      DATA_MESH_KAFKA_PASSWORD: portal.sasl!.password,
      DATA_MESH_KAFKA_MECHANISM: portal.sasl!.mechanism,
    },
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** The CLI as users run it: `node bin/mesh.js`, configured by environment. */
async function meshProcess(
  env: Record<string, string>,
  ...args: string[]
): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(PACKAGE_DIR, 'bin/mesh.js'), ...args],
      { cwd: PACKAGE_DIR, env: cleanEnv(env), timeout: 90_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as any;
    if (typeof code !== 'number') throw error;
    return { code, stdout, stderr };
  }
}

/**
 * A descriptor whose topic and value schema exist, as the barrier requires;
 * a new name each time, so that tests do not share products.
 */
async function readyProduct(
  label: string,
  spec: Partial<DataProductEntity['spec']> = {},
): Promise<DataProductEntity> {
  const name = `cli-${label}-${randomUUID().slice(0, 6)}`;
  const topic = `commerce.${name}.v1`;
  topics.push(topic);
  await createTopics(admin, {
    topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
  });
  await registry.register(`${topic}-value`, {
    schema: avroSchema,
    schemaType: 'AVRO',
  });
  await registry.setCompatibility(`${topic}-value`, 'BACKWARD');
  return makeDataProduct(name, topic, spec);
}

/** A descriptor file of the products, `---` separated. */
async function descriptorFile(
  ...products: DataProductEntity[]
): Promise<string> {
  const file = join(dir, `${randomUUID().slice(0, 8)}.yaml`);
  await writeFile(file, products.map(p => stringify(p)).join('---\n'));
  return file;
}

/** The latest registry record per product id (null: a tombstone). */
async function registryRecords(): Promise<Map<string, any>> {
  const records = await readRegistryTopic(
    kafkaService.cluster('local'),
    registryTopic,
  );
  return new Map(
    records.map(r => [
      r.key!.toString(),
      r.value ? JSON.parse(r.value.toString()) : null,
    ]),
  );
}

/** The product as the catalog serves it to a signed-in user, or undefined. */
async function catalogProduct(name: string): Promise<any> {
  const res = await fetch(
    `${backend.baseUrl}/api/catalog/entities/by-name/dataproduct/default/${name}`,
    { headers: { Authorization: `Bearer ${ownerToken}` } },
  );
  if (res.status === 404) return undefined;
  expect(res.status).toBe(200);
  return res.json();
}

/** Publishes as the owner and waits for the catalog to show it. */
async function publishedProduct(label: string): Promise<DataProductEntity> {
  const product = await readyProduct(label);
  const result = await mesh(
    ownerToken,
    'publish',
    await descriptorFile(product),
  );
  expect(result).toMatchObject({ code: 0, stderr: '' });
  await eventually(async () => {
    expect(await catalogProduct(product.metadata.name)).toBeDefined();
  });
  return product;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cli-it-'));
  // `mesh export` reads the registry topic of the config it loads.
  const override = join(dir, 'app-config.it.yaml');
  await writeFile(override, `dataMesh:\n  registryTopic: ${registryTopic}\n`);
  exportConfigArgs = [
    '--config',
    join(REPO_ROOT, 'app-config.yaml'),
    '--config',
    override,
  ];
  admin = kafka.admin();
  await admin.connect();
  backend = await startBackend({ dataMesh: { registryTopic } });
  // The users can sign in once the catalog has read the organisation.
  [ownerToken, otherToken] = await Promise.all(
    [OWNER, OTHER].map(user =>
      eventually(() => signIn(user), { deadlineMs: 120_000, intervalMs: 1000 }),
    ),
  );
}, 300_000);

afterAll(async () => {
  await backend?.stop();
  await kafkaService.stop();
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

describe('mesh CLI through the portal backend', () => {
  it("publishes an owner's products, a product after the product it reads, and the catalog shows them", async () => {
    const base = await readyProduct('base');
    const derived = await readyProduct('derived', {
      inputs: [base.metadata.name],
    });
    // The reader first in the file: the CLI publishes what it reads first.
    const file = await descriptorFile(derived, base);
    const result = await meshProcess(
      { BACKSTAGE_BACKEND_URL: backend.baseUrl, BACKSTAGE_TOKEN: ownerToken },
      'publish',
      file,
    );
    expect(result).toEqual({
      code: 0,
      stdout: [
        `published default/${base.metadata.name} (new)`,
        `waiting for the catalog to show default/${base.metadata.name}, read by default/${derived.metadata.name}`,
        `published default/${derived.metadata.name} (new)`,
        '',
      ].join('\n'),
      stderr: '',
    });

    const entity = await eventually(async () => {
      const found = await catalogProduct(derived.metadata.name);
      expect(found?.relations).toContainEqual(
        expect.objectContaining({
          type: 'dependsOn',
          targetRef: `dataproduct:default/${base.metadata.name}`,
        }),
      );
      return found;
    });
    expect(entity.spec.owner).toBe(CHECKOUT);
    expect(await catalogProduct(base.metadata.name)).toMatchObject({
      kind: 'DataProduct',
      metadata: { name: base.metadata.name },
    });
    const records = await registryRecords();
    expect(records.get(`default/${base.metadata.name}`)).toMatchObject({
      spec: { output: { topic: base.spec.output.topic } },
    });
  });

  it("refuses a non-owner's publish with the backend's reason, and writes none of the file", async () => {
    const own = await readyProduct('customers', { owner: CUSTOMERS });
    const notOwn = await readyProduct('checkout');
    const file = await descriptorFile(own, notOwn);
    const result = await mesh(otherToken, 'publish', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `${file}: ${notOwn.metadata.name}: refused (403): You may not publish dataproduct:default/${notOwn.metadata.name}: only its owner (${CHECKOUT}) or a data mesh admin may (permission datamesh.product.publish)`,
      'nothing was published: 1 of 2 descriptors refused',
    ]);
    const records = await registryRecords();
    expect(records.has(`default/${own.metadata.name}`)).toBe(false);
    expect(records.has(`default/${notOwn.metadata.name}`)).toBe(false);
  });

  it("prints the barrier's problems and publishes nothing", async () => {
    const product = await readyProduct('barrier');
    const unregistered = {
      ...product,
      spec: {
        ...product.spec,
        output: {
          ...product.spec.output,
          schemaSubject: `${product.spec.output.topic}-none`,
        },
      },
    };
    const file = await descriptorFile(unregistered);
    const result = await mesh(ownerToken, 'publish', file);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      `${file}: ${product.metadata.name}: refused (400): The data product dataproduct:default/${product.metadata.name} cannot be published:`,
      `  - no schema is registered under the subject '${product.spec.output.topic}-none'; register one first (schemaRegistry:schema:register)`,
      'nothing was published: 1 of 1 descriptor refused',
    ]);
    expect(
      (await registryRecords()).has(`default/${product.metadata.name}`),
    ).toBe(false);
  });

  it('checks without writing on --dry-run', async () => {
    const product = await readyProduct('dry');
    const result = await mesh(
      ownerToken,
      'publish',
      await descriptorFile(product),
      '--dry-run',
    );
    expect(result).toEqual({
      code: 0,
      stdout: `checked default/${product.metadata.name}: it may be published (new; dry run, nothing changed)`,
      stderr: '',
    });
    expect(
      (await registryRecords()).has(`default/${product.metadata.name}`),
    ).toBe(false);
    expect(await catalogProduct(product.metadata.name)).toBeUndefined();
  });

  it("refuses a non-owner's unpublish and deprecation, changing nothing", async () => {
    const product = await publishedProduct('keep');
    const id = `default/${product.metadata.name}`;
    const ref = `dataproduct:${id}`;
    const before = (await registryRecords()).get(id);

    expect(await mesh(otherToken, 'unpublish', id)).toEqual({
      code: 1,
      stdout: '',
      stderr: `You may not unpublish ${ref}: only its owner (${CHECKOUT}) or a data mesh admin may (permission datamesh.product.unpublish)`,
    });
    expect(
      await mesh(
        otherToken,
        'deprecate',
        id,
        '--sunset',
        '2099-01-01',
        '--reason',
        'Not mine.',
      ),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr: `You may not deprecate ${ref}: only its owner (${CHECKOUT}) or a data mesh admin may (permission datamesh.product.deprecate)`,
    });
    expect((await registryRecords()).get(id)).toEqual(before);
    expect(await catalogProduct(product.metadata.name)).toBeDefined();
  });

  it('lets the owner deprecate and unpublish, and export reads what is published', async () => {
    const product = await publishedProduct('retire');
    const id = `default/${product.metadata.name}`;

    // export reads the registry topic itself, with no token.
    const exported = await meshExport(id);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(parse(exported.stdout)).toMatchObject({
      kind: 'DataProduct',
      id,
      outputPorts: [{ name: product.spec.output.topic, type: 'topic' }],
    });

    expect(
      await mesh(
        ownerToken,
        'deprecate',
        id,
        '--sunset',
        '2099-01-01',
        '--reason',
        'Moves to v2.',
      ),
    ).toEqual({
      code: 0,
      stdout: `deprecated ${id}: served until 2099-01-01\nno consumers to notify`,
      stderr: '',
    });
    expect((await registryRecords()).get(id)).toMatchObject({
      spec: { status: 'deprecated' },
    });

    expect(await mesh(ownerToken, 'unpublish', id)).toEqual({
      code: 0,
      stdout: `unpublished ${id}`,
      stderr: '',
    });
    expect((await registryRecords()).get(id)).toBeNull();
    await eventually(async () => {
      expect(await catalogProduct(product.metadata.name)).toBeUndefined();
    });
  });

  it('says clearly that a token is needed, and when one is refused, without printing it', async () => {
    const product = await readyProduct('token');
    const file = await descriptorFile(product);
    const missing = [
      'a Backstage token is required to change data products: pass --token <token> or set BACKSTAGE_TOKEN',
      "(a user's token from the portal's sign-in, or a static external-access token that dataMesh.permissions.externalAccess lets act for your team)",
    ].join('\n');
    expect(await mesh(undefined, 'publish', file)).toEqual({
      code: 1,
      stdout: '',
      stderr: missing,
    });
    expect(await mesh(undefined, 'unpublish', 'default/anything')).toEqual({
      code: 1,
      stdout: '',
      stderr: missing,
    });

    const forged = `${ownerToken.slice(0, -4)}AAAA`;
    const refused = await mesh(forged, 'publish', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^the portal backend at ${backend.baseUrl} did not accept the token \\(.+\\); pass a valid one with --token or BACKSTAGE_TOKEN\nnothing was published$`,
      ),
    );
    expect(refused.stderr).not.toContain(forged);
    expect(
      (await registryRecords()).has(`default/${product.metadata.name}`),
    ).toBe(false);
  });

  it('checks the files before asking the backend', async () => {
    const product = makeDataProduct(`cli-local-${run}`, 'commerce.local.v1');
    const broken = {
      ...product,
      spec: {
        ...product.spec,
        sla: { ...product.spec.sla, availability: 120 },
      },
    };
    const twice = await descriptorFile(product, product);
    const invalid = await descriptorFile(broken);
    // Nothing listens on port 1: a request would fail with another message.
    const lines: string[] = [];
    const code = await main(
      ['publish', twice, invalid, '--backend', 'http://127.0.0.1:1'],
      {
        stdout: line => lines.push(line),
        stderr: line => lines.push(line),
        env: cleanEnv({ BACKSTAGE_TOKEN: 't' }),
      },
    );
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${invalid}: ${product.metadata.name}: spec.sla.availability: must be <= 100`,
      `${twice}: ${product.metadata.name}: default/${product.metadata.name} is already defined by document #1`,
      'nothing was published: 2 problems',
    ]);
  });
});
