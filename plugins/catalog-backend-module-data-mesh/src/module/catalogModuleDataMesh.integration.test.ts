import {
  EntityPolicies,
  entityKindSchemaValidator,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  DefaultNamespaceEntityPolicy,
  Entity,
} from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  ANNOTATION_CONSUMER_GROUPS,
  CandidateStreamsResponse,
  dataProductEntitySchema,
  DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  createSchemaRegistry,
  ensureRegistryTopic,
  publishDescriptor,
  unpublishDescriptor,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import type { Admin, Producer } from 'kafkajs';
import {
  fixtureKafka,
  startTestCatalog,
  TestCatalog,
} from '../__testUtils__/catalogBackend';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';

const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-it-${run}`;
const ordersTopic = `it.orders-${run}.v1`;
const salesTopic = `it.sales-${run}.v1`;
const orders = `orders-${run}`;
const sales = `sales-${run}`;
const consumerGroup = `it-dashboard-${run}`;
/** A topic of its own for a product: one topic, one product. */
const topicOf = (name: string) => `it.${name}.v1`;
/** Hand-written in the catalog file; its topic gets published later. */
const claimant = `claimant-${run}`;
const claimedTopic = topicOf(`claimed-${run}`);

const orderSchema = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'it',
  fields: [{ name: 'orderId', type: 'string' }],
});

// Ingestion is asynchronous; `eventually` waits, this only bounds a hang.
jest.setTimeout(120_000);

const validateKind = entityKindSchemaValidator(dataProductEntitySchema);
const policies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/**
 * The catalog model's own validation, on the entity as the provider emitted
 * it: without the relations and status the catalog adds when it stores it.
 */
async function expectValidEntity(served: Entity) {
  const { relations: _relations, ...emitted } = served as Entity & {
    status?: unknown;
  };
  delete (emitted as { status?: unknown }).status;
  await expect(policies.enforce(emitted)).resolves.toBe(emitted);
  expect(validateKind(emitted)).toBe(emitted);
}

function relationsOf(entity: Entity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

describe('the data mesh catalog module on the real broker and registry', () => {
  // The test's own fixtures run as the broker's admin; the module as the portal.
  const kafka = fixtureKafka();
  const registry = createSchemaRegistry({ url: registryUrl });
  let admin: Admin;
  let producer: Producer;
  let catalog: TestCatalog;

  const publish = (descriptor: DataProductEntity) =>
    publishDescriptor(producer, registryTopic, descriptor);

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, {
      topics: [
        { topic: ordersTopic, numPartitions: 3, replicationFactor: 1 },
        { topic: salesTopic, numPartitions: 1, replicationFactor: 1 },
      ],
    });
    await registry.register(
      { type: SchemaType.AVRO, schema: orderSchema },
      { subject: `${ordersTopic}-value` },
    );
    // Publishers create the registry topic; the catalog module never does.
    await ensureRegistryTopic(admin, registryTopic);
    producer = kafka.producer();
    await producer.connect();
    catalog = await startTestCatalog({
      registryUrl,
      registryTopic,
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'checkout-team' },
          spec: { type: 'team', children: [] },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Domain',
          metadata: { name: 'commerce' },
          spec: { owner: 'checkout-team' },
        },
        // Hand-written descriptors, as in a catalog-info.yaml.
        makeDataProduct(`handwritten-${run}`, topicOf(`handwritten-${run}`), {
          inputs: [`dataproduct:default/${orders}`],
        }),
        // Named by the governance rules, so that its only problem is the input.
        makeDataProduct(`orphaned-${run}`, `commerce.orphaned-${run}.v1`, {
          inputs: [`dataproduct:default/nowhere-${run}`],
        }),
        makeDataProduct(`ungoverned-${run}`, topicOf(`ungoverned-${run}`), {
          sla: {
            ...makeDataProduct('x', ordersTopic).spec.sla,
            retention: 'PT10M',
          },
        }),
        makeDataProduct(claimant, claimedTopic),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: `dashboard-${run}`,
            annotations: {
              [ANNOTATION_CONSUMER_GROUPS]: `local/${consumerGroup}`,
            },
          },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: 'checkout-team',
          },
        },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await catalog?.stop();
    await producer?.disconnect();
    await admin
      ?.deleteTopics({ topics: [ordersTopic, salesTopic, registryTopic] })
      .catch(() => undefined);
    await admin?.deleteGroups([consumerGroup]).catch(() => undefined);
    await admin?.disconnect();
  });

  it('publishes a product: readable from the catalog API with relations, topic and schema facts', async () => {
    await publish(makeDataProduct(orders, ordersTopic));
    const entity = await eventually(async () => {
      const found = await catalog.entity(`dataproduct:default/${orders}`);
      expect(relationsOf(found, 'ownedBy')).toEqual([
        'group:default/checkout-team',
      ]);
      return found!;
    });
    expect(relationsOf(entity, 'partOf')).toEqual(['domain:default/commerce']);
    const observed = (entity as DataProductEntity).spec.observed!;
    expect(observed.topic).toEqual({
      status: 'ok',
      partitions: 3,
      replicationFactor: 1,
      retentionMs: 604800000,
      cleanupPolicy: 'delete',
    });
    expect(observed.schema).toMatchObject({
      status: 'registered',
      subject: `${ordersTopic}-value`,
      version: 1,
      format: 'avro',
      // Read because tier-2 has a minimum level (the default governance).
      compatibility: 'BACKWARD',
    });
    expect(observed.schema.status === 'registered' && observed.schema.id).toBe(
      await registry.getLatestSchemaId(`${ordersTopic}-value`),
    );
    expect(entity.metadata.annotations).toMatchObject({
      'kafka-mesh.io/kafka-cluster': 'local',
      'kafka-mesh.io/kafka-topic': ordersTopic,
    });
    await expectValidEntity(entity);
  });

  it('applies an update to a published product', async () => {
    await publish({
      ...makeDataProduct(orders, ordersTopic),
      metadata: {
        ...makeDataProduct(orders, ordersTopic).metadata,
        description: 'Updated description',
      },
    });
    await eventually(async () => {
      const found = await catalog.entity(`dataproduct:default/${orders}`);
      expect(found?.metadata.description).toBe('Updated description');
    });
  });

  it('links a derived product to its input and warns when it promises more than the input gives', async () => {
    await publish(
      makeDataProduct(sales, salesTopic, {
        inputs: [`dataproduct:default/${orders}`],
        sla: {
          tier: 'tier-1',
          availability: 99.9,
          freshness: 'PT1M',
          supportHours: '24x7',
          onCall: 'https://oncall.example.com/sales',
        },
      }),
    );
    const entity = (await eventually(async () => {
      const found = await catalog.entity(`dataproduct:default/${sales}`);
      expect(relationsOf(found, 'dependsOn')).toEqual([
        `dataproduct:default/${orders}`,
      ]);
      return found!;
    })) as DataProductEntity;
    const observed = entity.spec.observed!;
    expect(observed.effectiveSla).toEqual({
      tier: 'tier-2',
      availability: 99.5,
      freshness: 'PT5M',
      supportHours: 'business-hours',
    });
    expect(observed.limitedBy.freshness).toBe(`dataproduct:default/${orders}`);
    expect(observed.slaWarnings.length).toBe(4);
    // The topic exists but has no schema registered yet.
    expect(observed.schema).toEqual({
      status: 'missing',
      subject: `${salesTopic}-value`,
    });
    await eventually(async () => {
      const input = await catalog.entity(`dataproduct:default/${orders}`);
      expect(relationsOf(input, 'dependencyOf')).toContain(
        `dataproduct:default/${sales}`,
      );
    });
  });

  it('skips a malformed record between two good ones and lists it with partition, offset and reason', async () => {
    const before = `before-${run}`;
    const after = `after-${run}`;
    await publish(makeDataProduct(before, topicOf(before)));
    const [meta] = await producer.send({
      topic: registryTopic,
      acks: -1,
      messages: [{ key: `default/broken-${run}`, value: '{ not json' }],
    });
    await producer.send({
      topic: registryTopic,
      acks: -1,
      messages: [
        {
          key: `default/unnamed-${run}`,
          value: JSON.stringify({
            ...makeDataProduct(`unnamed-${run}`, ordersTopic),
            spec: { ...makeDataProduct(`x`, ordersTopic).spec, sla: undefined },
          }),
        },
      ],
    });
    await publish(makeDataProduct(after, topicOf(after)));
    await eventually(async () => {
      expect(
        await catalog.entity(`dataproduct:default/${before}`),
      ).toBeDefined();
      expect(
        await catalog.entity(`dataproduct:default/${after}`),
      ).toBeDefined();
    });
    expect(
      await catalog.entity(`dataproduct:default/broken-${run}`),
    ).toBeUndefined();
    const { body } = await catalog.get<{ items: any[] }>(
      '/data-mesh/ingestion-errors',
    );
    const broken = body.items.find(e => e.key === `default/broken-${run}`);
    expect(broken).toMatchObject({
      cluster: 'local',
      topic: registryTopic,
      partition: meta.partition,
      offset: meta.baseOffset,
    });
    expect(broken.reason).toMatch(/^the descriptor is not JSON/);
    const unnamed = body.items.find(e => e.key === `default/unnamed-${run}`);
    expect(unnamed.reason).toBe('spec.sla: is required');
  });

  it('removes a product on a tombstone', async () => {
    const doomed = `doomed-${run}`;
    await publish(makeDataProduct(doomed, topicOf(doomed)));
    await eventually(async () =>
      expect(
        await catalog.entity(`dataproduct:default/${doomed}`),
      ).toBeDefined(),
    );
    await unpublishDescriptor(producer, registryTopic, `default/${doomed}`);
    await eventually(async () =>
      expect(
        await catalog.entity(`dataproduct:default/${doomed}`),
      ).toBeUndefined(),
    );
  });

  it('makes a component whose consumer group reads the topic depend on the product', async () => {
    await producer.send({
      topic: ordersTopic,
      messages: [{ key: 'o-1', value: 'x', partition: 0 }],
    });
    await admin.setOffsets({
      groupId: consumerGroup,
      topic: ordersTopic,
      partitions: [{ partition: 0, offset: '1' }],
    });
    await eventually(async () => {
      const component = await catalog.entity(
        `component:default/dashboard-${run}`,
      );
      expect(relationsOf(component, 'dependsOn')).toContain(
        `dataproduct:default/${orders}`,
      );
    });
    const product = await catalog.entity(`dataproduct:default/${orders}`);
    expect(relationsOf(product, 'dependencyOf')).toContain(
      `component:default/dashboard-${run}`,
    );
  });

  it('validates hand-written DataProducts and shows a missing input as a processing error on the entity', async () => {
    await eventually(async () => {
      const found = await catalog.entity(
        `dataproduct:default/handwritten-${run}`,
      );
      expect(relationsOf(found, 'dependsOn')).toEqual([
        `dataproduct:default/${orders}`,
      ]);
    });
    const orphaned = (await eventually(async () => {
      const found = await catalog.entity(`dataproduct:default/orphaned-${run}`);
      expect(found).toBeDefined();
      return found!;
    })) as AlphaEntity;
    expect(orphaned.status?.items).toEqual([
      expect.objectContaining({
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message: `InputError: spec.inputs: dataproduct:default/nowhere-${run} does not exist in the catalog`,
      }),
    ]);
    expect(relationsOf(orphaned, 'ownedBy')).toEqual([
      'group:default/checkout-team',
    ]);
  });

  it('keeps a hand-written DataProduct that breaks governance rules, with each violation in its status', async () => {
    const ungoverned = (await eventually(async () => {
      const found = await catalog.entity(
        `dataproduct:default/ungoverned-${run}`,
      );
      expect(relationsOf(found, 'ownedBy')).toEqual([
        'group:default/checkout-team',
      ]);
      return found!;
    })) as AlphaEntity;
    expect(ungoverned.status?.items).toEqual([
      expect.objectContaining({
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message: `GovernanceViolation: spec.output.topic: topic '${topicOf(
          `ungoverned-${run}`,
        )}' does not follow the naming rule '{domain}.{name}.v{major}', e.g. 'commerce.ungoverned-${run}.v1' (rule topic-naming, set by dataMesh.governance.topicNaming)`,
      }),
      expect.objectContaining({
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message:
          'GovernanceViolation: spec.sla.retention: retention PT10M is below the minimum PT1H (rule retention, set by dataMesh.governance.retention.min)',
      }),
    ]);
  });

  it('lists candidate streams with their schema format: topics with a value schema that are not products', async () => {
    const candidate = `it.candidate-${run}.v1`;
    const jsonCandidate = `it.json-candidate-${run}.v1`;
    await admin.createTopics({
      topics: [candidate, jsonCandidate].map(topic => ({
        topic,
        numPartitions: 1,
        replicationFactor: 1,
      })),
    });
    await registry.register(
      { type: SchemaType.AVRO, schema: orderSchema },
      { subject: `${candidate}-value` },
    );
    await registry.register(
      {
        type: SchemaType.JSON,
        schema: JSON.stringify({
          type: 'object',
          properties: { orderId: { type: 'string' } },
        }),
      },
      { subject: `${jsonCandidate}-value` },
    );
    const { status, body } = await catalog.get<CandidateStreamsResponse>(
      '/data-mesh/candidate-streams',
    );
    expect(status).toBe(200);
    expect(body.items).toEqual(
      expect.arrayContaining([
        {
          cluster: 'local',
          topic: candidate,
          subject: `${candidate}-value`,
          format: 'avro',
        },
        {
          cluster: 'local',
          topic: jsonCandidate,
          subject: `${jsonCandidate}-value`,
          format: 'json',
        },
      ]),
    );
    expect(body.items.map(i => i.topic)).not.toContain(ordersTopic);
    await admin.deleteTopics({ topics: [candidate, jsonCandidate] });
  });
  it('restores a product deleted through the catalog API at the next refresh, while its descriptor is published', async () => {
    const kept = `kept-${run}`;
    const ref = `dataproduct:default/${kept}`;
    await publish(makeDataProduct(kept, topicOf(kept)));
    const entity = await eventually(async () => {
      const found = await catalog.entity(ref);
      expect(found?.metadata.uid).toBeDefined();
      return found!;
    });
    const deleted = await catalog.request(
      'DELETE',
      `/entities/by-uid/${entity.metadata.uid}`,
    );
    expect(deleted.status).toBe(204);
    expect(await catalog.entity(ref)).toBeUndefined();

    await eventually(() => catalog.triggerRefresh());
    const restored = await eventually(async () => {
      const found = await catalog.entity(ref);
      expect(found).toBeDefined();
      return found!;
    });
    expect(restored.metadata.uid).not.toBe(entity.metadata.uid);
    expect(
      restored.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe(`kafka-topic:local/${registryTopic}`);
  });

  it('keeps the last valid descriptor when an update is rejected, and lists the product on /status as at risk', async () => {
    const risky = `risky-${run}`;
    const ref = `dataproduct:default/${risky}`;
    const valid = makeDataProduct(risky, topicOf(risky));
    await publish(valid);
    await eventually(async () =>
      expect((await catalog.entity(ref))?.metadata.description).toBe(
        valid.metadata.description,
      ),
    );
    const { sla: _sla, ...specWithoutSla } = valid.spec;
    const [meta] = await producer.send({
      topic: registryTopic,
      acks: -1,
      messages: [
        {
          key: `default/${risky}`,
          value: JSON.stringify({
            ...valid,
            metadata: { ...valid.metadata, description: 'Rejected update' },
            spec: specWithoutSla,
          }),
        },
      ],
    });
    type Status = {
      clusters: Array<{
        problems: string[];
        productsAtRisk: Array<Record<string, unknown>>;
      }>;
    };
    const status = await eventually(async () => {
      const { body } = await catalog.get<Status>('/data-mesh/status');
      expect(body.clusters[0].productsAtRisk).toContainEqual({
        product: `default/${risky}`,
        partition: meta.partition,
        offset: meta.baseOffset,
        reason: 'spec.sla: is required',
      });
      return body.clusters[0];
    });
    const risk = status.problems.find(p => p.includes(`default/${risky}`));
    expect(risk).toContain('The registry topic is compacted');
    expect(risk).toContain(
      'after a restart the catalog would no longer have the product',
    );
    const shown = (await catalog.entity(ref)) as DataProductEntity;
    expect(shown.metadata.description).toBe(valid.metadata.description);
    expect(shown.spec.sla).toEqual(valid.spec.sla);

    // A valid descriptor resolves it.
    await publish(valid);
    await eventually(async () => {
      const { body } = await catalog.get<Status>('/data-mesh/status');
      expect(body.clusters[0].productsAtRisk).not.toContainEqual(
        expect.objectContaining({ product: `default/${risky}` }),
      );
    });
  });

  it('skips a descriptor claiming the topic of a product published earlier and lists it in /ingestion-errors', async () => {
    const first = `first-${run}`;
    const second = `second-${run}`;
    const shared = topicOf(`shared-${run}`);
    await publish(makeDataProduct(first, shared));
    await eventually(async () =>
      expect(
        await catalog.entity(`dataproduct:default/${first}`),
      ).toBeDefined(),
    );
    await publish(makeDataProduct(second, shared));
    const skipped = await eventually(async () => {
      const { body } = await catalog.get<{ items: any[] }>(
        '/data-mesh/ingestion-errors',
      );
      const found = body.items.find(e => e.key === `default/${second}`);
      expect(found).toBeDefined();
      return found;
    });
    expect(skipped.reason).toContain(
      `topic '${shared}' on cluster 'local' is the output of dataproduct:default/${first}, published earlier; one topic, one product`,
    );
    expect(
      await catalog.entity(`dataproduct:default/${second}`),
    ).toBeUndefined();
    expect(
      (await catalog.entity(`dataproduct:default/${first}`))?.metadata
        .annotations?.['kafka-mesh.io/kafka-topic'],
    ).toBe(shared);
  });

  it("fails processing of a hand-written DataProduct that claims a published product's topic, naming that product", async () => {
    const claimantRef = `dataproduct:default/${claimant}`;
    // Processed before anything is published on its topic.
    await eventually(async () =>
      expect(relationsOf(await catalog.entity(claimantRef), 'ownedBy')).toEqual(
        ['group:default/checkout-team'],
      ),
    );
    const owner = `owner-${run}`;
    await publish(makeDataProduct(owner, claimedTopic));
    await eventually(async () =>
      expect(
        await catalog.entity(`dataproduct:default/${owner}`),
      ).toBeDefined(),
    );
    // Process it again now rather than at its next processing interval.
    const refreshed = await catalog.request('POST', '/refresh', {
      entityRef: claimantRef,
    });
    expect(refreshed.status).toBe(200);
    const flagged = (await eventually(async () => {
      const found = (await catalog.entity(claimantRef)) as AlphaEntity;
      expect(found.status?.items).toContainEqual(
        expect.objectContaining({
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message: expect.stringContaining(
            `spec.output: topic '${claimedTopic}' on cluster 'local' is the output of dataproduct:default/${owner}, published through the registry topic; one topic, one product`,
          ),
        }),
      );
      return found;
    })) as AlphaEntity;
    expect(
      flagged.status?.items?.find(i => i.message.includes(owner))?.error?.name,
    ).toBe('InputError');
    // The published product is unaffected.
    const published = (await catalog.entity(
      `dataproduct:default/${owner}`,
    )) as AlphaEntity;
    expect(
      (published.status?.items ?? []).filter(i =>
        i.message.includes('one topic, one product'),
      ),
    ).toEqual([]);
  });
});
