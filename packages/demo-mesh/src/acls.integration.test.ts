import { fromAclEntry } from '@kafka-mesh/plugin-data-mesh-node';
import type { KafkaAcl } from '@kafka-mesh/plugin-data-mesh-common';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from 'kafkajs';
import {
  cleanupTestMesh,
  testKafka,
  testMeshOptions,
} from './__testUtils__/testMesh';
import { demoAcls } from './mesh/demoAcls';
import { loadDemoProducts } from './mesh/demoProducts';
import { PRODUCTS } from './mesh/productNames';
import { DEMO_PRINCIPALS, processorPrincipal } from './options';
import { demoProcessors } from './processors';
import { seedDemoMesh } from './seed';

jest.setTimeout(120_000);

// The seed's ACLs on the real, secured broker: each demo app gets exactly
// its own, and what they do not allow, the broker refuses.

const options = testMeshOptions();
const products = loadDemoProducts(options);
const topicOf = (name: string) => products.find(p => p.name === name)!.topic;
const key = (acl: KafkaAcl) =>
  `${acl.principal} ${acl.operation} ${acl.resourceType} ${acl.resourceName} ${acl.patternType} ${acl.permission} ${acl.host}`;

/** A promise's rejection, or a failure if it resolved. */
async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the broker to refuse, but it did not');
}

/**
 * The broker's error code: kafkajs throws it as is, or wrapped (a failed
 * metadata request, when the principal may not even describe the topic).
 */
function errorTypeOf(error: any): string | undefined {
  return error?.type ?? error?.cause?.type;
}

describe("the demo apps' ACLs", () => {
  beforeAll(() => seedDemoMesh(options));
  afterAll(() => cleanupTestMesh(options));

  it('are on the broker, exactly the ones the demo apps need for the run', async () => {
    const admin = testKafka(options).admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      const onBroker = resources
        .flatMap(resource =>
          resource.acls.map(acl => ({ ...resource, ...acl })),
        )
        .map(fromAclEntry)
        .filter((acl): acl is KafkaAcl => acl !== undefined)
        // Only this run's topics and groups (others run beside it).
        .filter(acl => acl.resourceName.startsWith(options.topicPrefix!))
        .map(key)
        .sort();
      const expected = demoAcls({
        ...options,
        products,
        processors: demoProcessors(),
      })
        .map(key)
        .sort();
      expect(onBroker).toEqual(expected);
    } finally {
      await admin.disconnect();
    }
  });

  it('let the sales dashboard read only its own topic', async () => {
    const kafka = testKafka(options, DEMO_PRINCIPALS.salesDashboard);
    const consumer = kafka.consumer({
      groupId: `${options.topicPrefix}sales-dashboard`,
    });
    await consumer.connect();
    try {
      // Granted: subscribing fetches the topic's metadata.
      await consumer.subscribe({ topics: [topicOf(PRODUCTS.recentSales)] });
      // Not granted: the orders the dashboard's numbers come from.
      const error = await rejectionOf(
        consumer.subscribe({ topics: [topicOf(PRODUCTS.ordersPlaced)] }),
      );
      expect(errorTypeOf(error)).toBe('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await consumer.disconnect();
    }
  });

  it('let no demo app write a topic it does not produce, nor the registry topic', async () => {
    const processor = testKafka(
      options,
      processorPrincipal('demo-mesh.eu-customer-profiles'),
    ).producer({ allowAutoTopicCreation: false });
    const generators = testKafka(options, DEMO_PRINCIPALS.generators).producer({
      allowAutoTopicCreation: false,
    });
    await Promise.all([processor.connect(), generators.connect()]);
    try {
      const message = { key: 'k', value: 'not from the demo' };
      // The processor reads customer profiles, it does not write them.
      const intoInput = await rejectionOf(
        processor.send({
          topic: topicOf(PRODUCTS.customerProfiles),
          messages: [message],
        }),
      );
      expect(errorTypeOf(intoInput)).toBe('TOPIC_AUTHORIZATION_FAILED');
      // Only the portal publishes descriptors.
      const intoRegistry = await rejectionOf(
        generators.send({ topic: options.registryTopic!, messages: [message] }),
      );
      expect(errorTypeOf(intoRegistry)).toBe('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await Promise.all([processor.disconnect(), generators.disconnect()]);
    }
  });
});
