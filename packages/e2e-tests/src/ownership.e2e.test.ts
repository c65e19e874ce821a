import { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  createKafka,
  createSchemaRegistry,
  createTopics,
  DefaultKafkaService,
  readRegistryTopic,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { RunningBackend, startBackend } from 'backend/testing';
import { describeRun, PortalApi } from './__testUtils__/portalApi';
import { repoRoot } from './repoPaths';

// Ownership is enforced, not only shown: every way to change a product (the
// scaffolder API and the REST API) under the portal's real permission
// policy, with an owner, a non-owner and an admin signed in side by side,
// on the real backend, Kafka and schema registry. The backend runs the
// permissions of app-config.production.yaml, so its catalog rules are
// tested too.
jest.setTimeout(240_000);

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-ownership-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

/** app-config.production.yaml's data mesh settings: permissions, no file locations. */
const productionDataMesh = parse(
  fs.readFileSync(path.join(repoRoot, 'app-config.production.yaml'), 'utf8'),
).dataMesh;

/** Static external-access tokens, as a CI pipeline would use. */
const CI_TOKEN = `checkout-ci-${randomUUID()}`;
const UNGRANTED_TOKEN = `other-ci-${randomUUID()}`;

/** Signed in with app-config.yaml's development users. */
const OWNER = 'amara.okafor'; // checkout-team, which owns the products
const NON_OWNER = 'guest'; // guests
const ADMIN = 'erik.johansson'; // platform-team, the data mesh admins

const avroSchema = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'e2e',
  fields: [{ name: 'orderId', type: 'string' }],
});

describe('who may change a data product', () => {
  let backend: RunningBackend;
  let owner: PortalApi;
  let nonOwner: PortalApi;
  let admin: PortalApi;
  let kafkaAdmin: Admin;
  // Fixtures (topics, records) as the broker's admin.
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });
  /** Reads the registry topic the way the portal reads it, as the portal. */
  const kafkaService = new DefaultKafkaService({
    registryTopic,
    clientId: 'e2e',
    clusters: [clusterConfig('portal')],
    schemaRegistry: { url: registryUrl },
  });
  const registry = new SchemaRegistryRestClient({ url: registryUrl });
  const topics: string[] = [];

  /** A product of the checkout team whose topic and schema exist. */
  async function readyProduct(): Promise<DataProductEntity> {
    const name = `orders-${randomUUID().slice(0, 8)}`;
    const topic = `commerce.${name}.v1`;
    topics.push(topic);
    await createTopics(kafkaAdmin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    await registry.register(`${topic}-value`, {
      schema: avroSchema,
      schemaType: 'AVRO',
    });
    await registry.setCompatibility(`${topic}-value`, 'BACKWARD');
    return makeDataProduct(name, topic);
  }

  const pathOf = (product: DataProductEntity) =>
    `/api/data-mesh/products/default/${product.metadata.name}`;

  /** A product published by its owner and in the catalog. */
  async function publishedProduct(): Promise<DataProductEntity> {
    const product = await readyProduct();
    const { status, body } = await owner.request(
      'PUT',
      pathOf(product),
      product,
    );
    expect({ status, body }).toMatchObject({ status: 201 });
    await eventually(async () => {
      expect(
        await owner.entity(`dataproduct:default/${product.metadata.name}`),
      ).toBeDefined();
    });
    return product;
  }

  /** The latest registry record per product id (null: tombstone). */
  async function registryRecords(): Promise<Map<string, unknown>> {
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

  beforeAll(async () => {
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    backend = await startBackend({
      dataMesh: {
        ...productionDataMesh,
        registryTopic,
        permissions: {
          ...productionDataMesh.permissions,
          externalAccess: [
            {
              subject: 'checkout-ci',
              actsFor: ['group:default/checkout-team'],
            },
          ],
        },
      },
      // Static tokens of two CI pipelines; only checkout-ci is granted a team.
      backend: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: CI_TOKEN, subject: 'checkout-ci' },
            },
            {
              type: 'static',
              options: { token: UNGRANTED_TOKEN, subject: 'other-ci' },
            },
          ],
        },
      },
    });
    // The users sign in once the catalog has read the organisation.
    [owner, nonOwner, admin] = await Promise.all(
      [OWNER, NON_OWNER, ADMIN].map(user =>
        eventually(() => PortalApi.signInAs(backend.baseUrl, user), {
          deadlineMs: 120_000,
          intervalMs: 1000,
        }),
      ),
    );
  }, 300_000);

  afterAll(async () => {
    await backend?.stop();
    await kafkaService.stop();
    if (kafkaAdmin) {
      await kafkaAdmin
        .deleteTopics({ topics: [...topics, registryTopic] })
        .catch(() => undefined);
      await kafkaAdmin.disconnect();
    }
    for (const topic of topics) {
      await registry.deleteSubject(`${topic}-value`).catch(() => undefined);
    }
  });

  describe('through the REST API', () => {
    it("refuses a non-owner's publish, owner change, deprecation and unpublish, changing nothing", async () => {
      const product = await publishedProduct();
      const ref = `dataproduct:default/${product.metadata.name}`;
      const before = await registryRecords();

      const takeover = {
        ...product,
        spec: { ...product.spec, owner: 'group:default/guests' },
      };
      const attempts = [
        await nonOwner.request('PUT', pathOf(product), takeover),
        await nonOwner.request('POST', `${pathOf(product)}/deprecate`, {
          sunset: '2099-01-01',
          reason: 'Not yours.',
        }),
        await nonOwner.request('DELETE', pathOf(product)),
      ];
      expect(attempts.map(a => a.status)).toEqual([403, 403, 403]);
      expect(attempts.map(a => a.body.error.message)).toEqual([
        `You may not publish a new version of ${ref}: only its owner (group:default/checkout-team) or a data mesh admin may (permission datamesh.product.publish)`,
        `You may not deprecate ${ref}: only its owner (group:default/checkout-team) or a data mesh admin may (permission datamesh.product.deprecate)`,
        `You may not unpublish ${ref}: only its owner (group:default/checkout-team) or a data mesh admin may (permission datamesh.product.unpublish)`,
      ]);
      expect(await registryRecords()).toEqual(before);
    });

    it('refuses a new product for a team the caller is not in, creating nothing', async () => {
      const product = await readyProduct();
      const { status, body } = await nonOwner.request(
        'PUT',
        pathOf(product),
        product,
      );
      expect(status).toBe(403);
      expect(body.error.message).toContain(
        `You may not publish dataproduct:default/${product.metadata.name}`,
      );
      expect(
        (await registryRecords()).has(`default/${product.metadata.name}`),
      ).toBe(false);
    });

    it('refuses a second product on a published topic, naming its product', async () => {
      const product = await publishedProduct();
      const copy = makeDataProduct(`copy-${run}`, product.spec.output.topic);
      const { status, body } = await owner.request('PUT', pathOf(copy), copy);
      expect(status).toBe(409);
      expect(body.error.message).toContain(
        `is already published as dataproduct:default/${product.metadata.name}`,
      );
    });

    it('lets the owner deprecate and unpublish, and an admin publish for any team', async () => {
      const product = await publishedProduct();
      const deprecated = await owner.request(
        'POST',
        `${pathOf(product)}/deprecate`,
        { sunset: '2099-01-01', reason: 'Moves to v2.' },
      );
      expect(deprecated.status).toBe(200);
      const record = (await registryRecords()).get(
        `default/${product.metadata.name}`,
      ) as DataProductEntity;
      expect(record.spec.status).toBe('deprecated');

      const unpublished = await owner.request('DELETE', pathOf(product));
      expect(unpublished.status).toBe(200);
      expect(
        (await registryRecords()).get(`default/${product.metadata.name}`),
      ).toBeNull();

      const forAnotherTeam = await readyProduct();
      const published = await admin.request(
        'PUT',
        pathOf(forAnotherTeam),
        forAnotherTeam,
      );
      expect(published.status).toBe(201);
    });

    it('lets a CI token publish for the team it is granted, and nothing else', async () => {
      const put = (product: DataProductEntity, token: string) =>
        fetch(`${backend.baseUrl}${pathOf(product)}`, {
          method: 'PUT',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(product),
        });
      const own = await readyProduct();
      const published = await put(own, CI_TOKEN);
      expect(published.status).toBe(201);

      const others = await readyProduct();
      others.spec.owner = 'group:default/customer-team';
      const refused = await put(others, CI_TOKEN);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.message).toContain(
        'only its owner (group:default/customer-team)',
      );

      const ungranted = await readyProduct();
      expect((await put(ungranted, UNGRANTED_TOKEN)).status).toBe(403);
      const records = await registryRecords();
      expect(records.has(`default/${own.metadata.name}`)).toBe(true);
      expect(records.has(`default/${others.metadata.name}`)).toBe(false);
      expect(records.has(`default/${ungranted.metadata.name}`)).toBe(false);
    });

    it('refuses a caller without a token', async () => {
      const product = await readyProduct();
      const res = await fetch(`${backend.baseUrl}${pathOf(product)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(product),
      });
      expect(res.status).toBe(401);
    });
  });

  describe('through the scaffolder API', () => {
    const contract = {
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
      piiFields: [],
      inputs: [],
      acknowledgeSlaAboveInputs: false,
    };
    const existingStream = (product: DataProductEntity) => ({
      stream: {
        cluster: 'local',
        topic: product.spec.output.topic,
        subject: `${product.spec.output.topic}-value`,
        format: 'avro',
      },
      owner: 'group:default/guests',
      domain: 'domain:default/commerce',
      description: 'Mine now.',
      ...contract,
    });

    it("cannot add a published product's stream again under another name", async () => {
      const product = await publishedProduct();
      const name = `planted-${run}`;
      const result = await nonOwner.runTemplate('publish-existing-stream', {
        ...existingStream(product),
        name,
      });
      expect(result.status).toBe('failed');
      expect(result.error?.message).toContain(
        `The topic '${product.spec.output.topic}' on the cluster 'local' is already published as dataproduct:default/${product.metadata.name}`,
      );
      expect((await registryRecords()).has(`default/${name}`)).toBe(false);
    });

    it("cannot overwrite someone else's product under its own name", async () => {
      const product = await publishedProduct();
      const before = (await registryRecords()).get(
        `default/${product.metadata.name}`,
      );
      const result = await nonOwner.runTemplate('publish-existing-stream', {
        ...existingStream(product),
        name: product.metadata.name,
      });
      expect(result.status).toBe('failed');
      expect(result.error?.message).toContain(
        `You may not publish a new version of dataproduct:default/${product.metadata.name}`,
      );
      expect(
        (await registryRecords()).get(`default/${product.metadata.name}`),
      ).toEqual(before);
    });

    it('cannot create a product for a team the caller is not in: no topic, subject or product', async () => {
      const name = `planted-${randomUUID().slice(0, 8)}`;
      const topic = `commerce.${name}.v1`;
      const result = await nonOwner.runTemplate('create-data-product', {
        owner: 'group:default/checkout-team',
        domain: 'domain:default/commerce',
        name,
        title: 'Not mine',
        description: 'A product for a team the caller is not in.',
        tags: ['e2e'],
        major: 1,
        ...contract,
        format: 'avro',
        schema: avroSchema,
        cluster: 'local',
        partitions: 1,
      });
      expect(result.status).toBe('failed');
      expect(result.error?.message).toContain(
        `You may not publish dataproduct:default/${name}: only its owner (group:default/checkout-team)`,
      );
      expect(await kafkaAdmin.listTopics()).not.toContain(topic);
      expect(await registry.latestVersion(`${topic}-value`)).toBeUndefined();
      expect((await registryRecords()).has(`default/${name}`)).toBe(false);
    });

    it("cannot deprecate someone else's product", async () => {
      const product = await publishedProduct();
      const result = await nonOwner.runTemplate('deprecate-data-product', {
        product: `dataproduct:default/${product.metadata.name}`,
        sunset: '2099-01-01',
        reason: 'Not yours.',
      });
      expect(result.status).toBe('failed');
      expect(result.error?.message).toContain(
        `You may not deprecate dataproduct:default/${product.metadata.name}`,
      );
      const record = (await registryRecords()).get(
        `default/${product.metadata.name}`,
      ) as DataProductEntity;
      expect(record.spec.status).toBeUndefined();
    });

    it('lets the owner add an existing stream', async () => {
      const product = await readyProduct();
      const result = await owner.runTemplate('publish-existing-stream', {
        ...existingStream(product),
        owner: 'group:default/checkout-team',
        name: product.metadata.name,
      });
      if (result.status !== 'completed') throw new Error(describeRun(result));
      expect(
        (await registryRecords()).has(`default/${product.metadata.name}`),
      ).toBe(true);
    });
  });

  describe('personal data in samples, under the real policy', () => {
    it('shows personal fields to the owners and masks them for everyone else', async () => {
      const product = await readyProduct();
      const topic = product.spec.output.topic;
      const profileSchema = {
        type: 'record',
        name: 'OrderPlaced',
        namespace: 'e2e',
        fields: [
          { name: 'orderId', type: 'string' },
          // A default keeps it BACKWARD compatible with the first version.
          { name: 'email', type: 'string', default: '' },
        ],
      };
      const encoder = createSchemaRegistry({ url: registryUrl });
      const { id } = await encoder.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(profileSchema) },
        { subject: `${topic}-value` },
      );
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic,
        messages: [
          {
            key: 'o-1',
            value: await encoder.encode(id, {
              orderId: 'o-1',
              email: 'ada@example.com',
            }),
          },
        ],
      });
      await producer.disconnect();
      product.spec.piiFields = ['email'];
      expect(
        (await owner.request('PUT', pathOf(product), product)).status,
      ).toBe(201);
      const samples = `${pathOf(product)}/samples`;

      const seen = await eventually(async () => {
        const { status, body } = await owner.request('GET', samples);
        expect(status).toBe(200);
        expect(body.records).toHaveLength(1);
        return body;
      });
      expect(seen.piiVisible).toBe(true);
      expect(seen.records[0].value).toEqual({
        orderId: 'o-1',
        email: 'ada@example.com',
      });

      const { status, body } = await nonOwner.request('GET', samples);
      expect(status).toBe(200);
      expect(body.piiVisible).toBe(false);
      expect(body.records[0].value.orderId).toBe('o-1');
      expect(body.records[0].value.email).not.toContain('ada@example.com');
      expect(JSON.stringify(body)).not.toContain('ada@example.com');
    });
  });

  describe('the production catalog rules', () => {
    it('let only admins register locations and delete entities', async () => {
      const product = await publishedProduct();
      const entity = (await owner.entity(
        `dataproduct:default/${product.metadata.name}`,
      ))!;
      const location = {
        type: 'url',
        target: 'https://example.com/catalog-info.yaml',
      };
      for (const caller of [nonOwner, owner]) {
        const created = await caller.request(
          'POST',
          '/api/catalog/locations',
          location,
        );
        expect(created.status).toBe(403);
        const deleted = await caller.request(
          'DELETE',
          `/api/catalog/entities/by-uid/${(entity.metadata as any).uid}`,
        );
        expect(deleted.status).toBe(403);
      }
      // The admin gets past the permission check (the URL itself cannot be
      // read on this machine, hence no 201).
      const byAdmin = await admin.request(
        'POST',
        '/api/catalog/locations?dryRun=true',
        location,
      );
      expect(byAdmin.status).not.toBe(403);
      const fileByAdmin = await admin.request(
        'POST',
        '/api/catalog/locations',
        { type: 'file', target: '/etc/passwd' },
      );
      // File locations are off outside development, even for admins.
      expect(fileByAdmin.status).toBe(400);
    });
  });
});
