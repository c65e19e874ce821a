import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  ANNOTATION_CONSUMER_GROUPS,
  CLEANUP_POLICIES,
  DATA_CLASSIFICATIONS,
  DATA_PRODUCT_LIFECYCLES,
  DATA_QUALITIES,
  dataProductEntitySchema,
  expectedTopicName,
  GovernanceRulesResponse,
  OUTPUT_FORMATS,
  SLA_TIERS,
  SUPPORT_HOURS,
} from '@kafka-mesh/plugin-data-mesh-common';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createSchemaRegistry,
  SchemaRegistryRestClient,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunningBackend, startBackend } from 'backend/testing';
import {
  GeneratedRepo,
  GeneratedRepoKafka,
} from './__testUtils__/generatedRepo';
import {
  CatalogEntity,
  describeRun,
  PortalApi,
  relationsOf,
  TaskRun,
} from './__testUtils__/portalApi';
import { testResults } from './repoPaths';

// The self-service templates end to end: each one run through the real
// scaffolder REST API of the real backend (as the portal's form submits
// it), against the real Kafka and schema registry.
jest.setTimeout(240_000);

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-scaffolder-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const owner = 'group:default/guests';
// As the form's domain picker submits it. No Domain entity is needed: the
// catalog links to it by name.
const domainName = 'e2e';
const domain = `domain:default/${domainName}`;
const orders = `orders-${run}`;
const legacy = `legacy-${run}`;
const dashboard = `dashboard-${run}`;

const orderSchema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'e2e',
  fields: [
    { name: 'orderId', type: 'string' },
    {
      name: 'customer',
      type: {
        type: 'record',
        name: 'Customer',
        fields: [
          { name: 'email', type: 'string' },
          { name: 'country', type: 'string' },
        ],
      },
    },
    { name: 'amountCents', type: 'long' },
  ],
};

const sla = {
  tier: 'tier-2',
  availability: 99.5,
  freshness: 'PT15M',
  supportHours: 'business-hours',
  onCall: 'https://oncall.example.com/e2e',
};

/** The contract pages, shared by the two publishing templates. */
const contract = {
  lifecycle: 'production',
  sla,
  quality: 'curated',
  classification: 'confidential',
  piiFields: ['customer.email'],
  inputs: [],
  acknowledgeSlaAboveInputs: false,
};

/** What the "Create data product" form submits. */
function newProduct(name: string, overrides: object = {}) {
  return {
    owner,
    domain,
    name,
    title: `Orders placed ${run}`,
    description: 'Every order placed in the e2e shop.',
    tags: ['e2e'],
    major: 1,
    ...contract,
    format: 'avro',
    schema: JSON.stringify(orderSchema, null, 2),
    cluster: 'local',
    partitions: 2,
    ...overrides,
  };
}

/** A template's form page by title. */
function page(template: CatalogEntity, title: string) {
  const found = template.spec!.parameters.find((p: any) => p.title === title);
  if (!found) throw new Error(`${template.metadata.name} has no page ${title}`);
  return found;
}

function expectCompleted(result: TaskRun) {
  if (result.status !== 'completed') throw new Error(describeRun(result));
}

describe('the data mesh templates through the scaffolder API', () => {
  let backend: RunningBackend;
  let api: PortalApi;
  let admin: Admin;
  let topicOf: (name: string) => string;
  const registry = new SchemaRegistryRestClient({ url: registryUrl });
  // Fixtures and checks (topics, offsets) as the broker's admin.
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });
  const reposRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-repos-'));
  const repos: GeneratedRepo[] = [];
  const repo = (name: string, kafkaAs?: GeneratedRepoKafka) => {
    const found = new GeneratedRepo(path.join(reposRoot, name), kafkaAs);
    repos.push(found);
    return found;
  };

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    backend = await startBackend({
      dataMesh: {
        kafka: { clusters: [clusterConfig('portal')] },
        schemaRegistry: { url: registryUrl },
        registryTopic,
        scaffolder: { localRepositories: { root: reposRoot } },
        // Consumer groups are read every minute by default; the lineage
        // test should not wait that long.
        catalog: {
          consumerGroupSchedule: {
            frequency: { seconds: 3 },
            timeout: { seconds: 30 },
          },
        },
      },
    });
    api = await PortalApi.signInAsGuest(backend.baseUrl);
    // Topic names follow the governance rules the backend enforces.
    const { body } = await api.request<GovernanceRulesResponse>(
      'GET',
      '/api/data-mesh/governance',
    );
    topicOf = name =>
      expectedTopicName({ domain: domainName, name, major: 1 }, body.rules);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(repos.map(r => r.stopAll()));
    if (backend) {
      // The backend's log explains a failed step beyond the task's events.
      fs.mkdirSync(testResults, { recursive: true });
      fs.writeFileSync(
        path.join(testResults, 'scaffolder-e2e-backend.log'),
        backend.output(),
      );
    }
    await backend?.stop();
    if (admin && topicOf) {
      const topics = [topicOf(orders), topicOf(legacy)];
      await admin
        .deleteTopics({ topics: [...topics, registryTopic] })
        .catch(() => undefined);
      await admin.deleteGroups([dashboard]).catch(() => undefined);
      for (const topic of topics) {
        await registry.deleteSubject(`${topic}-value`).catch(() => undefined);
      }
    }
    await admin?.disconnect();
    fs.rmSync(reposRoot, { recursive: true, force: true });
  });

  it('registers the five templates, tagged data-mesh and owned by a group that exists', async () => {
    const templates = await eventually(async () => {
      const { body } = await api.request<CatalogEntity[]>(
        'GET',
        '/api/catalog/entities?filter=kind=template,metadata.tags=data-mesh',
      );
      expect(body.map(t => t.metadata.name).sort()).toEqual([
        'create-consumer-app',
        'create-data-product',
        'deprecate-data-product',
        'evolve-data-product-schema',
        'publish-existing-stream',
      ]);
      return body;
    });
    const owners = [...new Set(templates.map(t => t.spec!.owner))];
    for (const ref of owners) {
      expect(await api.entity(ref)).toMatchObject({ kind: 'Group' });
    }
  });

  it("asks for the DataProduct schema's values, in the same words in both publishing templates", async () => {
    const create = (await api.entity('template:default/create-data-product'))!;
    const existing = (await api.entity(
      'template:default/publish-existing-stream',
    ))!;
    const deprecate = (await api.entity(
      'template:default/deprecate-data-product',
    ))!;
    const { definitions } = dataProductEntitySchema;
    const specSchema = dataProductEntitySchema.allOf[1].properties!.spec;

    const contractPage = page(create, 'Contract');
    const slaForm = contractPage.properties.sla;
    expect(slaForm.required).toEqual(specSchema.properties.sla.required);
    expect(slaForm.properties.tier.enum).toEqual(SLA_TIERS);
    expect(slaForm.properties.supportHours.enum).toEqual(SUPPORT_HOURS);
    for (const duration of ['freshness', 'retention', 'responseTime']) {
      expect(slaForm.properties[duration].pattern).toBe(
        definitions.isoDuration.pattern,
      );
    }
    expect(slaForm.properties.onCall.pattern).toBe(definitions.url.pattern);
    // A new product cannot start deprecated.
    expect(contractPage.properties.lifecycle.enum).toEqual(
      DATA_PRODUCT_LIFECYCLES.filter(l => l !== 'deprecated'),
    );
    expect(contractPage.properties.quality.enum).toEqual(DATA_QUALITIES);
    expect(contractPage.properties.classification.enum).toEqual(
      DATA_CLASSIFICATIONS,
    );
    expect(page(create, 'Schema').properties.format.enum).toEqual(
      OUTPUT_FORMATS,
    );
    expect(page(create, 'Topic').properties.cleanupPolicy.enum).toEqual(
      CLEANUP_POLICIES,
    );

    expect(page(existing, 'Contract')).toEqual(contractPage);
    expect(page(existing, 'Inputs')).toEqual(page(create, 'Inputs'));
    expect(
      page(existing, 'Stream').properties.stream.properties.format.enum,
    ).toEqual(OUTPUT_FORMATS);
    expect(page(deprecate, 'Deprecation').properties.sunset.pattern).toBe(
      definitions.date.pattern,
    );
  });

  it('create-data-product: creates the topic, registers the schema, commits the producer and publishes the product', async () => {
    const result = await api.runTemplate(
      'create-data-product',
      newProduct(orders),
    );
    expectCompleted(result);
    const topic = topicOf(orders);
    const productRef = `dataproduct:default/${orders}`;
    expect(result.output.links).toEqual([
      {
        title: 'Data product',
        icon: 'catalog',
        url: `/catalog/default/dataproduct/${orders}`,
      },
      {
        title: 'Producer',
        icon: 'catalog',
        entityRef: `component:default/${orders}-producer`,
      },
      { title: 'Repository', url: `file://${path.join(reposRoot, orders)}` },
    ]);

    const product = await eventually(async () => {
      const found = await api.entity(productRef);
      expect(found).toBeDefined();
      return found!;
    });
    expect(product.spec).toMatchObject({
      owner,
      domain,
      lifecycle: 'production',
      output: { cluster: 'local', topic, format: 'avro' },
      sla,
      piiFields: ['customer.email'],
    });
    expect(relationsOf(product, 'ownedBy')).toEqual([owner]);

    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] }))
      .topics;
    expect(metadata.partitions).toHaveLength(2);
    const registered = await registry.latestVersion(`${topic}-value`);
    expect(registered?.version).toBe(1);
    expect(JSON.parse(registered!.schema)).toMatchObject({
      name: 'OrderPlaced',
    });

    const producerRepo = repo(orders);
    expect(await producerRepo.commitCount()).toBe(1);
    expect(await producerRepo.committedFiles()).toEqual(
      [
        '.gitignore',
        'README.md',
        'catalog-info.yaml',
        'data-product.yaml',
        'package.json',
        `schema/${orders}.avsc`,
        'src/producer.ts',
        'src/product.ts',
        'tsconfig.json',
      ].sort(),
    );
    expect(JSON.parse(producerRepo.read(`schema/${orders}.avsc`))).toEqual(
      orderSchema,
    );
    // JSON under a comment header: the published descriptor, as written.
    const descriptor = JSON.parse(
      producerRepo.read('data-product.yaml').replace(/^#.*$/gm, ''),
    );
    expect(descriptor).toMatchObject({
      metadata: { name: orders },
      spec: { output: { topic } },
    });
    expect(producerRepo.read('README.md')).toContain(`\`${topic}\``);

    const producer = await eventually(async () => {
      const found = await api.entity(`component:default/${orders}-producer`);
      expect(found).toBeDefined();
      return found!;
    });
    expect(producer.spec).toMatchObject({ type: 'service', owner });
  });

  it('create-data-product: the generated producer type-checks and writes records through the registry', async () => {
    // The producer runs as the broker's admin for now: granting a product's
    // producer write access to its topic is not part of the templates yet.
    // Over SASL_SSL, so that the skeleton's TLS settings (KAFKA_SSL_CA_FILE)
    // are exercised too.
    const producerRepo = repo(orders, { principal: 'admin', listener: 'ssl' });
    producerRepo.install();
    await producerRepo.typecheck();
    const record = {
      orderId: `e2e-${run}`,
      customer: { email: 'e2e@example.com', country: 'NL' },
      amountCents: 1234,
    };
    const sent = await producerRepo.node(
      'src/producer.ts',
      JSON.stringify(record),
      record.orderId,
    );
    expect(sent).toEqual({
      code: 0,
      output: expect.stringContaining(`wrote 1 record to ${topicOf(orders)}`),
    });
  });

  it('create-data-product: refuses a bad name and a missing on-call before any task runs', async () => {
    const badName = await api.startTask(
      'create-data-product',
      newProduct('Orders_Placed'),
    );
    expect(badName.status).toBe(400);
    expect(badName.body.errors?.map(e => e.stack)).toEqual([
      'instance.name does not match pattern "^[a-z][a-z0-9-]*$"',
    ]);

    const { onCall: _, ...withoutOnCall } = sla;
    const noOnCall = await api.startTask(
      'create-data-product',
      newProduct(`no-on-call-${run}`, { sla: withoutOnCall }),
    );
    expect(noOnCall.status).toBe(400);
    expect(noOnCall.body.errors?.map(e => e.stack)).toEqual([
      'instance.sla requires property "onCall"',
    ]);
  });

  it('create-data-product: an invalid schema fails the task, leaving no topic, subject or product', async () => {
    const broken = `broken-${run}`;
    const result = await api.runTemplate(
      'create-data-product',
      newProduct(broken, {
        schema:
          '{\n  "type": "record",\n  "name": "Broken",\n  "fields": [,]\n}',
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(
      /Invalid Avro schema at line 4, column \d+/,
    );
    // The first step refused it; no other step began.
    expect(result.log.filter(line => line.includes('Beginning step'))).toEqual([
      '[validate] Beginning step Check the contract',
    ]);
    const topic = topicOf(broken);
    expect(await admin.listTopics()).not.toContain(topic);
    expect(await registry.latestVersion(`${topic}-value`)).toBeUndefined();
    expect(await api.entity(`dataproduct:default/${broken}`)).toBeUndefined();
  });

  it('publish-existing-stream: makes a topic with a schema a data product, leaving both as they are', async () => {
    const topic = topicOf(legacy);
    await createTopics(admin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    await createSchemaRegistry({ url: registryUrl }).register(
      { type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) },
      { subject: `${topic}-value` },
    );

    const result = await api.runTemplate('publish-existing-stream', {
      stream: {
        cluster: 'local',
        topic,
        subject: `${topic}-value`,
        format: 'avro',
      },
      owner,
      domain,
      name: legacy,
      description: 'Orders from the shop before the mesh.',
      ...contract,
    });
    expectCompleted(result);
    expect(result.output.links).toEqual([
      {
        title: 'Data product',
        icon: 'catalog',
        url: `/catalog/default/dataproduct/${legacy}`,
      },
    ]);

    const product = await eventually(async () => {
      const found = await api.entity(`dataproduct:default/${legacy}`);
      expect(found).toBeDefined();
      return found!;
    });
    expect(product.spec?.output).toEqual({
      cluster: 'local',
      topic,
      format: 'avro',
      schemaSubject: `${topic}-value`,
    });
    expect(relationsOf(product, 'ownedBy')).toEqual([owner]);
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] }))
      .topics;
    expect(metadata.partitions).toHaveLength(1);
    expect(await registry.versions(`${topic}-value`)).toEqual([1]);
  });

  it('create-consumer-app: registers the app, whose test passes on synthetic records and whose consumer joins the lineage', async () => {
    const productRef = `dataproduct:default/${orders}`;
    const appRef = `component:default/${dashboard}`;
    const result = await api.runTemplate('create-consumer-app', {
      name: dashboard,
      description: 'Orders on a wall screen.',
      // A personal app: its owner is not the product's.
      owner: 'user:default/guest',
      products: [productRef],
    });
    expectCompleted(result);
    expect(result.output.links).toEqual([
      { title: 'Consumer app', icon: 'catalog', entityRef: appRef },
      { title: 'Repository', url: `file://${path.join(reposRoot, dashboard)}` },
    ]);

    const app = await eventually(async () => {
      const found = await api.entity(appRef);
      expect(found).toBeDefined();
      return found!;
    });
    // The consumer group defaults to the app's name.
    expect(app.metadata.annotations?.[ANNOTATION_CONSUMER_GROUPS]).toBe(
      `local/${dashboard}`,
    );
    expect(app.spec).toMatchObject({ owner: 'user:default/guest' });

    // This test is about the generated code; it runs the app as the
    // broker's admin. A run as its own service account, which cannot read
    // until the product's owner approves its access request, is
    // consumerAppAccess.e2e.test.ts.
    const appRepo = repo(dashboard, { principal: 'admin' });
    const files = await appRepo.committedFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'src/consumer.ts',
        'src/products.ts',
        `test/fixtures/${orders}.json`,
        'test/tally.test.ts',
      ]),
    );
    const fixture = JSON.parse(appRepo.read(`test/fixtures/${orders}.json`));
    expect(fixture).toHaveLength(20);
    expect(Object.keys(fixture[0]).sort()).toEqual([
      'amountCents',
      'customer',
      'orderId',
    ]);

    appRepo.install();
    await appRepo.typecheck();
    const tests = await appRepo.node('--test', 'test/*.test.ts');
    expect(tests.output).toContain(
      `tallies the synthetic records of ${productRef}`,
    );
    expect(tests).toMatchObject({ code: 0 });

    // The generated consumer reads what the generated producer wrote.
    const consumer = appRepo.start('src/consumer.ts');
    await eventually(async () =>
      expect(consumer.output()).toContain(
        `${productRef}: {"orderId":"e2e-${run}"`,
      ),
    );
    await eventually(async () => {
      const [offsets] = await admin.fetchOffsets({
        groupId: dashboard,
        topics: [topicOf(orders)],
      });
      expect(offsets.partitions.map(p => p.offset)).toContain('1');
    });
    await appRepo.stopAll();

    await eventually(async () => {
      expect(relationsOf(await api.entity(appRef), 'dependsOn')).toContain(
        productRef,
      );
    });
    expect(relationsOf(await api.entity(productRef), 'dependencyOf')).toContain(
      appRef,
    );
  });

  it('deprecate-data-product: deprecates the product and lists the owners it notified', async () => {
    const productRef = `dataproduct:default/${orders}`;
    const sunset = new Date(Date.now() + 90 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const result = await api.runTemplate('deprecate-data-product', {
      product: productRef,
      sunset,
      reason: 'Replaced by the legacy feed, which has more history.',
      replacement: `dataproduct:default/${legacy}`,
    });
    expectCompleted(result);
    // The consumer app's owner, from the lineage edge above.
    expect(result.output.notified).toContain('user:default/guest');
    expect(result.output.text).toEqual([
      {
        title: 'Notified',
        content: expect.stringContaining('user:default/guest'),
      },
    ]);

    await eventually(async () => {
      const product = await api.entity(productRef);
      expect(product?.spec).toMatchObject({
        status: 'deprecated',
        deprecation: {
          sunset,
          replacement: `dataproduct:default/${legacy}`,
        },
      });
    });
  });
});

// No injection into generated files: a form value carrying a newline and a
// second YAML document (here a Group, which could make its sender an admin)
// must never reach a generated catalog-info.yaml. The scaffolder checks the
// values against the templates' parameter schemas when a task is created,
// so it answers 400 before any step runs. A backend of its own: this block
// needs no other test, and no other test needs it.
describe('the templates refuse values that would plant entities in generated files', () => {
  const planted =
    'x\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: planted\n';
  let backend: RunningBackend;
  let api: PortalApi;
  const reposRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-injection-'));

  /** Valid forms of the two templates that generate repositories. */
  const forms: Record<string, object> = {
    'create-data-product': newProduct(`planted-${run}`),
    'create-consumer-app': {
      name: `planted-app-${run}`,
      description: 'Reads what it should.',
      owner: 'user:default/guest',
      // The form's check comes before any product is read: it need not exist.
      products: [`dataproduct:default/planted-${run}`],
    },
  };

  beforeAll(async () => {
    backend = await startBackend({
      dataMesh: {
        // Never created: nothing here gets as far as publishing.
        registryTopic: `_data-products-e2e-injection-${run}`,
        scaffolder: { localRepositories: { root: reposRoot } },
      },
    });
    api = await PortalApi.signInAsGuest(backend.baseUrl);
    // The catalog reads the templates from app-config's locations at start.
    await eventually(async () => {
      for (const template of Object.keys(forms)) {
        if (!(await api.entity(`template:default/${template}`))) {
          throw new Error(`the catalog does not hold ${template} yet`);
        }
      }
    });
  }, 300_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(reposRoot, { recursive: true, force: true });
  });

  describe.each(Object.keys(forms))('%s', template => {
    it.each(['owner', 'system', 'name', 'description'])(
      'answers 400 when the %s carries a second YAML document, and creates nothing',
      async field => {
        const answer = await api.startTask(template, {
          ...forms[template],
          [field]: planted,
        });
        expect(answer.status).toBe(400);
        expect(answer.body.id).toBeUndefined();
        // Refused for that field alone: the rest of the form is valid.
        const refused = new Set(
          answer.body.errors?.map(e => e.stack.split(' ')[0]),
        );
        expect([...refused]).toEqual([`instance.${field}`]);
        expect(await api.entity('group:default/planted')).toBeUndefined();
        expect(fs.readdirSync(reposRoot)).toEqual([]);
      },
    );
  });
});
