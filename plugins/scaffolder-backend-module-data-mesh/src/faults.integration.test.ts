import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DataMeshClients } from '@kafka-mesh/plugin-data-mesh-node';
import { createSchemaRegisterAction } from './actions/schemaRegister';
import { createTopicCreateAction } from './actions/topicCreate';
import {
  avroSchema,
  ownerGroup,
  runAction,
  testWriter,
  unique,
} from './__testUtils__/testEnvironment';

const stack = require('@kafka-mesh/local-stack');

// The actions across outages: Kafka or the registry stopped, the action
// fails cleanly (503, nothing half-created), and once the part is back the
// same action succeeds, without a restart. A private stack on free ports:
// the shared one other test files use stays up.
jest.setTimeout(240_000);

describe('the scaffolder actions when Kafka or the registry goes away', () => {
  let isolated: {
    brokers: string;
    registryUrl: string;
    stopPart(name: string): Promise<boolean>;
    startPart(name: string): Promise<boolean>;
    down(): Promise<void>;
  };
  let clients: DataMeshClients;
  const catalog = catalogServiceMock({ entities: [ownerGroup] });
  const writer = () => testWriter({ clients, catalog });

  beforeAll(async () => {
    isolated = await stack.startIsolated();
    clients = DataMeshClients.fromConfig(
      new ConfigReader({
        dataMesh: {
          registryTopic: `test.products.${unique()}`,
          kafka: {
            clientId: 'data-mesh-scaffolder-faults',
            clusters: [{ name: 'local', brokers: isolated.brokers.split(',') }],
          },
          schemaRegistry: { url: isolated.registryUrl },
        },
      }),
    );
  }, 240_000);

  afterAll(async () => {
    await clients?.kafka.stop();
    await isolated?.down();
  });

  const topicInput = (name: string) => ({
    cluster: 'local',
    topic: `commerce.${name}.v1`,
    domain: 'commerce',
    name,
    partitions: 1,
    slaTier: 'tier-2' as const,
  });

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
});
