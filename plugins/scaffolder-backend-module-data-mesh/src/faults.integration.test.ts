import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  InputError,
  isError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DataProductEntity,
  registryLocation,
} from '@kafka-mesh/plugin-data-mesh-common';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  DataMeshClients,
  DataProductWriter,
  DefaultKafkaService,
  KafkaService,
  readDataMeshConfig,
} from '@kafka-mesh/plugin-data-mesh-node';
import fs from 'node:fs';
import { createProductDeprecateAction } from './actions/productDeprecate';
import { createProductPublishAction } from './actions/productPublish';
import { createProductUnpublishAction } from './actions/productUnpublish';
import { createProductValidateAction } from './actions/productValidate';
import { createSchemaImpactAction } from './actions/schemaImpact';
import { createSchemaRegisterAction } from './actions/schemaRegister';
import { createSyntheticWriteAction } from './actions/syntheticWrite';
import { createTopicCreateAction } from './actions/topicCreate';
import {
  avroSchema,
  newProduct,
  ownerGroup,
  registryRecords,
  runAction,
  testWriter,
  unique,
} from './__testUtils__/testEnvironment';
import {
  IsolatedStack,
  PartName,
  startIsolated,
} from '@kafka-mesh/local-stack';

// The actions across outages, on a private stack on free ports (the shared
// one other test files use stays up): a step that meets an outage waits it
// out, and after a long one every action that reaches Kafka or the
// registry works again, with the same clients, without a restart.
jest.setTimeout(240_000);

/** What every action must do once the part is back: work again. */
const RECOVERY_DEADLINE_MS = 30_000;
/** How long Kafka stays down: a long outage, not a blip. */
const KAFKA_OUTAGE_MS = 60_000;
/** How long the registry stays down. */
const REGISTRY_OUTAGE_MS = 30_000;
/** How long the clients may take to notice an outage. */
const OUTAGE_NOTICED_DEADLINE_MS = 30_000;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Seconds since `since`, to one decimal, for the report. */
const secondsSince = (since: number) =>
  Math.round((Date.now() - since) / 100) / 10;

/** A compatible evolution of avroSchema(['orderId']): an optional field. */
const withNote = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'commerce',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});

/** A sunset three months ahead, always in the future. */
const sunset = () =>
  new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

/**
 * The catalog as the catalog module keeps it: the products the registry
 * topic holds (read again by `ingest`, tombstones dropping them) with the
 * provider's location annotation, and their owner group. The writer and
 * the actions hold the one `service`, which always answers from the
 * latest ingest.
 */
class RegistryTopicCatalog {
  private entities: Entity[] = [ownerGroup];

  readonly service = new Proxy({} as CatalogService, {
    get: (_, method) => {
      const current = catalogServiceMock({ entities: this.entities });
      const value = (current as any)[method];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });

  /** Reads the registry topic with `reader` and holds what it says. */
  async ingest(reader: DataMeshClients): Promise<void> {
    const location = registryLocation('local', reader.mesh.registryTopic);
    const records = await registryRecords(reader);
    this.entities = [
      ownerGroup,
      ...[...records.values()]
        .filter((d): d is DataProductEntity => d !== null)
        .map(d => ({
          ...d,
          metadata: {
            ...d.metadata,
            namespace: 'default',
            annotations: { [ANNOTATION_LOCATION]: location },
          },
        })),
    ];
  }
}

/** Every action that reaches Kafka or the registry, as the module wires them. */
function meshActions(writer: DataProductWriter, catalog: CatalogService) {
  return {
    validate: createProductValidateAction({ writer }),
    topicCreate: createTopicCreateAction({ writer }),
    schemaRegister: createSchemaRegisterAction({ writer }),
    publish: createProductPublishAction({ writer, catalog, catalogWaitMs: 0 }),
    deprecate: createProductDeprecateAction({ writer }),
    unpublish: createProductUnpublishAction({ writer }),
    syntheticWrite: createSyntheticWriteAction({
      catalog,
      permissions: mockServices.permissions(),
      registry: writer.clients.registry,
    }),
    schemaImpact: createSchemaImpactAction({ catalog, writer }),
  };
}

/**
 * A Kafka service whose first producer, once connected, finds Kafka gone:
 * `beforeFirstSend` (which stops it) runs between the producer's connect
 * and the work it was asked to do.
 */
function withOutageBeforeFirstSend(
  inner: KafkaService,
  beforeFirstSend: () => Promise<void>,
): KafkaService {
  let struck = false;
  return {
    clusterNames: () => inner.clusterNames(),
    stop: () => inner.stop(),
    cluster(name) {
      const cluster = inner.cluster(name);
      return {
        name: cluster.name,
        config: cluster.config,
        kafka: cluster.kafka,
        admin: (what, fn, options) => cluster.admin(what, fn, options),
        consumer: (consumerConfig, fn) => cluster.consumer(consumerConfig, fn),
        reading: fn => cluster.reading(fn),
        producer: (fn, producerConfig) =>
          cluster.producer(async producer => {
            if (!struck) {
              struck = true;
              await beforeFirstSend();
            }
            return fn(producer);
          }, producerConfig),
      };
    },
  };
}

/**
 * The actions run again and again from a part's return until each works,
 * in order: when each first worked, and every error on the way. Only an
 * outage (a ServiceUnavailableError, 503) is an acceptable error then.
 */
class Recovery {
  readonly errors: Array<{ action: string; error: unknown }> = [];
  readonly worked: Array<[string, number]> = [];
  private readonly deadline: number;

  constructor(readonly since: number) {
    this.deadline = since + RECOVERY_DEADLINE_MS;
  }

  async run<T>(action: string, attempt: () => Promise<T>): Promise<T> {
    const result = await eventually(
      async () => {
        try {
          return await attempt();
        } catch (error) {
          this.errors.push({ action, error });
          throw error;
        }
      },
      { deadlineMs: Math.max(0, this.deadline - Date.now()), intervalMs: 500 },
    );
    this.worked.push([action, secondsSince(this.since)]);
    return result;
  }

  /** Errors on the way back that were not an outage's 503. */
  notOutages(): string[] {
    return this.errors
      .filter(
        ({ error }) =>
          !(isError(error) && error instanceof ServiceUnavailableError),
      )
      .map(({ action, error }) => `${action}: ${stringifyError(error)}`);
  }

  /** For the report: "validate 1.2 s, kafka:topic:create 1.9 s, …". */
  describe(): string {
    return this.worked.map(([a, s]) => `${a} ${s} s`).join(', ');
  }
}

describe('the scaffolder actions when Kafka or the registry goes away', () => {
  let isolated: IsolatedStack;
  // The clients under test, which live through every outage.
  let clients: DataMeshClients;
  // Clients of their own for reading what the actions did: the test's
  // fixtures, as the isolated stack's admin (the actions run as its portal).
  let checker: DataMeshClients;
  let config: ConfigReader;
  let checkerConfig: ConfigReader;
  const catalog = catalogServiceMock({ entities: [ownerGroup] });
  const writer = () => testWriter({ clients, catalog });
  const workspace = createMockDirectory();

  beforeAll(async () => {
    isolated = await startIsolated();
    const registryTopic = `test.products.${unique()}`;
    const meshConfig = (principal: string) =>
      new ConfigReader({
        dataMesh: {
          registryTopic,
          kafka: {
            clientId: 'data-mesh-scaffolder-faults',
            clusters: [isolated.clusterConfig(principal)],
          },
          schemaRegistry: { url: isolated.registryUrl },
        },
      });
    config = meshConfig('portal');
    checkerConfig = meshConfig('admin');
    clients = DataMeshClients.fromConfig(config);
    checker = DataMeshClients.fromConfig(checkerConfig);
  }, 240_000);

  afterAll(async () => {
    await clients?.kafka.stop();
    await checker?.kafka.stop();
    await isolated?.down();
  });

  /**
   * Fresh clients for reading what the actions did once a part is back,
   * so that the checks never depend on clients that lived through it.
   */
  const renewChecker = async () => {
    await checker.kafka.stop();
    checker = DataMeshClients.fromConfig(checkerConfig);
  };

  /** Brings back whatever a test stopped; a healthy part is left alone. */
  const restoreStack = async () => {
    await isolated.startPart('kafka');
    await isolated.startPart('registry');
  };

  /**
   * Stops a part, waits until the clients under test notice (`probe`
   * fails with a 503), keeps asking them for `outageMs` as the portal
   * would, and starts the part again. Resolves when it is healthy.
   */
  async function outage(
    part: PartName,
    outageMs: number,
    probe: () => Promise<unknown>,
  ): Promise<void> {
    await isolated.stopPart(part);
    const stoppedAt = Date.now();
    try {
      const expectUnavailable = () =>
        expect(probe()).rejects.toThrow(ServiceUnavailableError);
      await eventually(expectUnavailable, {
        deadlineMs: OUTAGE_NOTICED_DEADLINE_MS,
        intervalMs: 1000,
      });
      while (Date.now() - stoppedAt < outageMs) {
        await expectUnavailable();
        await sleep(3000);
      }
    } finally {
      await isolated.startPart(part);
      await renewChecker();
    }
  }

  const topicInput = (name: string, partitions = 1) => ({
    cluster: 'local',
    topic: `commerce.${name}.v1`,
    domain: 'commerce',
    name,
    partitions,
    slaTier: 'tier-2' as const,
  });

  const partitionsOf = (topic: string) =>
    checker.withAdmin('local', async admin => {
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] }))
        .topics;
      return metadata.partitions.length;
    });

  const registeredFields = async (subject: string) => {
    const latest = await checker.registry.latestVersion(subject);
    return {
      version: latest?.version,
      fields: JSON.parse(latest?.schema ?? '{}').fields?.map(
        (f: { name: string }) => f.name,
      ),
    };
  };

  const registryRecord = async (product: { name: string }) =>
    (await registryRecords(checker)).get(`default/${product.name}`);

  /**
   * The actions, with the clients under test, over a catalog that holds
   * what the registry topic held at its last `mesh.ingest`.
   */
  const meshUnderTest = () => {
    const mesh = new RegistryTopicCatalog();
    const actions = meshActions(
      testWriter({ clients, catalog: mesh.service }),
      mesh.service,
    );
    return { mesh, actions };
  };

  /** A new product with its topic and schema, published by the actions. */
  const publishNewProduct = async (actions: ReturnType<typeof meshActions>) => {
    const product = newProduct();
    await runAction(actions.topicCreate, topicInput(product.name));
    await runAction(actions.schemaRegister, {
      subject: product.subject,
      format: 'avro',
      schema: avroSchema(['orderId']),
      slaTier: 'tier-2',
    });
    await runAction(actions.publish, {
      descriptor: product.descriptor,
      waitForCatalog: false,
    });
    return product;
  };

  it('kafka:topic:create meeting a Kafka outage completes once Kafka is back', async () => {
    const name = `orders-${unique()}`;
    const action = createTopicCreateAction({ writer: writer() });
    await isolated.stopPart('kafka');
    let step: Promise<Record<string, any>>;
    try {
      step = runAction(action, topicInput(name));
      // The step waits the outage out instead of failing the task.
      await new Promise(resolve => setTimeout(resolve, 3000));
    } finally {
      await isolated.startPart('kafka');
    }
    expect(await step!).toMatchObject({
      topic: `commerce.${name}.v1`,
      partitions: 1,
    });
    const topics = await clients.withAdmin('local', admin =>
      admin.listTopics(),
    );
    expect(topics).toContain(`commerce.${name}.v1`);
  });

  it('schemaRegistry:schema:register meeting a registry outage completes once the registry is back', async () => {
    const subject = `commerce.orders-${unique()}.v1-value`;
    const action = createSchemaRegisterAction({ writer: writer() });
    const input = {
      subject,
      format: 'avro' as const,
      schema: avroSchema(['orderId']),
      slaTier: 'tier-2' as const,
    };
    await isolated.stopPart('registry');
    let step: Promise<Record<string, any>>;
    try {
      step = runAction(action, input);
      // The step waits the outage out instead of failing the task.
      await new Promise(resolve => setTimeout(resolve, 3000));
    } finally {
      await isolated.startPart('registry');
    }
    expect(await step!).toMatchObject({ subject, version: 1, created: true });
    expect(await clients.registry.compatibility(subject)).toBe('BACKWARD');
  });

  it('dataMesh:product:publish meeting a Kafka outage as it sends the descriptor completes once Kafka is back', async () => {
    const product = newProduct();
    await runAction(
      createTopicCreateAction({ writer: writer() }),
      topicInput(product.name),
    );
    await runAction(createSchemaRegisterAction({ writer: writer() }), {
      subject: product.subject,
      format: 'avro',
      schema: avroSchema(['orderId']),
      slaTier: 'tier-2',
    });
    // Kafka goes away after the checks and the producer's connect, right
    // before the descriptor is sent, and is back a few seconds later.
    let restarted: Promise<unknown> | undefined;
    const publishing = DataMeshClients.fromConfig(
      config,
      withOutageBeforeFirstSend(
        new DefaultKafkaService(readDataMeshConfig(config)),
        async () => {
          await isolated.stopPart('kafka');
          restarted = sleep(5000).then(() => isolated.startPart('kafka'));
        },
      ),
    );
    try {
      const action = createProductPublishAction({
        writer: testWriter({ clients: publishing, catalog }),
        catalog,
        catalogWaitMs: 0,
      });
      const published = await runAction(action, {
        descriptor: product.descriptor,
        waitForCatalog: false,
      });
      expect(restarted).toBeDefined();
      await restarted;
      await renewChecker();
      expect(published).toMatchObject({ entityRef: product.ref });
      expect(await registryRecord(product)).toEqual(product.descriptor);
    } finally {
      await restarted;
      await publishing.kafka.stop();
      await restoreStack();
    }
  });

  it('after Kafka was down for a minute, every action that reaches Kafka or the registry works again within 30 s of its return', async () => {
    const { mesh, actions } = meshUnderTest();
    const workspacePath = workspace.resolve(`kafka-${unique()}`);

    try {
      // The clients in use before the outage: a product of their own.
      const before = await publishNewProduct(actions);
      expect(await registryRecord(before)).toEqual(before.descriptor);

      await outage('kafka', KAFKA_OUTAGE_MS, () =>
        clients.withAdmin('local', admin => admin.listTopics()),
      );
      const recovery = new Recovery(Date.now());

      // A whole product's life, each action as soon as it works again.
      const product = newProduct();
      const schema = avroSchema(['orderId']);
      const validated = await recovery.run('dataMesh:product:validate', () =>
        runAction(actions.validate, {
          descriptor: product.descriptor,
          schema: { format: 'avro', content: schema },
          partitions: 2,
        }),
      );
      const created = await recovery.run('kafka:topic:create', () =>
        runAction(actions.topicCreate, topicInput(product.name, 2)),
      );
      const registered = await recovery.run(
        'schemaRegistry:schema:register',
        () =>
          runAction(actions.schemaRegister, {
            subject: product.subject,
            format: 'avro',
            schema,
            slaTier: 'tier-2',
          }),
      );
      // An incompatible change is refused by what the registry holds.
      const refused = await recovery.run(
        'dataMesh:product:validate (incompatible)',
        () =>
          runAction(actions.validate, {
            descriptor: product.descriptor,
            schema: {
              format: 'avro',
              content: avroSchema(['orderId', 'amount']),
            },
          }).then(
            () => undefined,
            error => {
              if (error instanceof InputError) return error;
              throw error;
            },
          ),
      );
      const published = await recovery.run('dataMesh:product:publish', () =>
        runAction(actions.publish, {
          descriptor: product.descriptor,
          waitForCatalog: false,
        }),
      );
      const descriptor = await registryRecord(product);
      await mesh.ingest(checker);
      const written = await recovery.run('dataMesh:synthetic:write', () =>
        runAction(
          actions.syntheticWrite,
          {
            entityRef: product.ref,
            count: 5,
            path: 'test-data/orders.json',
          },
          { workspacePath },
        ),
      );
      // Reads the topic's records and its consumer groups, and the registry.
      const impact = await recovery.run('dataMesh:schema:impact', () =>
        runAction(actions.schemaImpact, {
          entityRef: product.ref,
          schema: withNote,
        }),
      );
      const deprecation = { sunset: sunset(), reason: 'Moves to v2.' };
      await recovery.run('dataMesh:product:deprecate', () =>
        runAction(actions.deprecate, {
          entityRef: product.ref,
          ...deprecation,
        }),
      );
      const deprecated = await registryRecord(product);
      await mesh.ingest(checker);
      const unpublished = await recovery.run('dataMesh:product:unpublish', () =>
        runAction(actions.unpublish, { entityRef: product.ref }),
      );
      const allWorkedAfter = secondsSince(recovery.since);
      process.stderr.write(
        `[faults] Kafka down ${
          KAFKA_OUTAGE_MS / 1000
        } s: every action worked again ${allWorkedAfter} s after its return (${recovery.describe()}); ${
          recovery.errors.length
        } refused attempt(s) on the way\n`,
      );

      // Each did what it says, on the broker and in the registry.
      expect(validated).toMatchObject({
        entityRef: product.ref,
        topic: product.topic,
        subject: product.subject,
      });
      expect(created).toMatchObject({ topic: product.topic, partitions: 2 });
      expect(await partitionsOf(product.topic)).toBe(2);
      expect(registered).toMatchObject({ version: 1, created: true });
      expect(await registeredFields(product.subject)).toEqual({
        version: 1,
        fields: ['orderId'],
      });
      expect(await checker.registry.compatibility(product.subject)).toBe(
        'BACKWARD',
      );
      expect(refused?.message).toMatch(
        /not BACKWARD compatible with the subject .* \(newest version 1\)[\s\S]*amount/,
      );
      expect(published).toMatchObject({ entityRef: product.ref });
      expect(descriptor).toEqual(product.descriptor);
      expect(written).toEqual({ path: 'test-data/orders.json', count: 5 });
      expect(impact).toMatchObject({ breaking: false, compatible: true });
      const records = JSON.parse(
        fs.readFileSync(`${workspacePath}/test-data/orders.json`, 'utf8'),
      );
      expect(records).toHaveLength(5);
      records.forEach((r: object) =>
        expect(Object.keys(r)).toEqual(['orderId']),
      );
      expect(deprecated).toMatchObject({
        metadata: { name: product.name },
        spec: { status: 'deprecated', deprecation },
      });
      expect(unpublished).toEqual({ entityRef: product.ref });
      const tombstoned = await registryRecords(checker);
      expect(tombstoned.has(`default/${product.name}`)).toBe(true);
      expect(tombstoned.get(`default/${product.name}`)).toBeNull();
      // Unpublishing keeps the topic and its data.
      expect(await partitionsOf(product.topic)).toBe(2);
      // The product from before the outage is untouched.
      expect(tombstoned.get(`default/${before.name}`)).toEqual(
        before.descriptor,
      );

      // Every refusal on the way back was a proper outage answer.
      expect(recovery.notOutages()).toEqual([]);
      expect(allWorkedAfter * 1000).toBeLessThanOrEqual(RECOVERY_DEADLINE_MS);
    } finally {
      await restoreStack();
    }
  }, 300_000);

  it('after the registry was down, every action that reaches the registry works again within 30 s of its return', async () => {
    const { mesh, actions } = meshUnderTest();
    const workspacePath = workspace.resolve(`registry-${unique()}`);

    try {
      // A published product whose schema evolves after the outage.
      const product = await publishNewProduct(actions);
      await mesh.ingest(checker);

      await outage('registry', REGISTRY_OUTAGE_MS, () =>
        clients.registry.listSubjects(),
      );
      const recovery = new Recovery(Date.now());

      const evolved: DataProductEntity = {
        ...product.descriptor,
        metadata: {
          ...product.descriptor.metadata,
          description: 'Every order placed, now with a note.',
        },
      };
      const validated = await recovery.run('dataMesh:product:validate', () =>
        runAction(actions.validate, {
          descriptor: evolved,
          schema: { format: 'avro', content: withNote },
        }),
      );
      const registered = await recovery.run(
        'schemaRegistry:schema:register',
        () =>
          runAction(actions.schemaRegister, {
            subject: product.subject,
            format: 'avro',
            schema: withNote,
            slaTier: 'tier-2',
          }),
      );
      const published = await recovery.run('dataMesh:product:publish', () =>
        runAction(actions.publish, {
          descriptor: evolved,
          waitForCatalog: false,
        }),
      );
      await mesh.ingest(checker);
      const written = await recovery.run('dataMesh:synthetic:write', () =>
        runAction(
          actions.syntheticWrite,
          {
            entityRef: product.ref,
            count: 3,
            path: 'test-data/orders.json',
          },
          { workspacePath },
        ),
      );
      const impact = await recovery.run('dataMesh:schema:impact', () =>
        runAction(actions.schemaImpact, {
          entityRef: product.ref,
          schema: withNote,
        }),
      );
      const allWorkedAfter = secondsSince(recovery.since);
      process.stderr.write(
        `[faults] registry down ${
          REGISTRY_OUTAGE_MS / 1000
        } s: every registry action worked again ${allWorkedAfter} s after its return (${recovery.describe()}); ${
          recovery.errors.length
        } refused attempt(s) on the way\n`,
      );

      expect(validated).toMatchObject({
        entityRef: product.ref,
        subject: product.subject,
      });
      expect(registered).toMatchObject({ version: 2, created: true });
      expect(await registeredFields(product.subject)).toEqual({
        version: 2,
        fields: ['orderId', 'note'],
      });
      expect(published).toMatchObject({ entityRef: product.ref });
      expect(await registryRecord(product)).toEqual(evolved);
      // Generated from the version registered after the outage.
      expect(written).toEqual({ path: 'test-data/orders.json', count: 3 });
      expect(impact).toMatchObject({ breaking: false, compatible: true });
      const records = JSON.parse(
        fs.readFileSync(`${workspacePath}/test-data/orders.json`, 'utf8'),
      );
      expect(records).toHaveLength(3);
      records.forEach((r: object) =>
        expect(Object.keys(r)).toEqual(['orderId', 'note']),
      );

      expect(recovery.notOutages()).toEqual([]);
      expect(allWorkedAfter * 1000).toBeLessThanOrEqual(RECOVERY_DEADLINE_MS);
    } finally {
      await restoreStack();
    }
  }, 240_000);
});
