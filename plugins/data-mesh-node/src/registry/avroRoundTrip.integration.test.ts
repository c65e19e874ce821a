import { clusterConfig } from '@kafka-mesh/local-stack';
import { createTopics } from '../kafka/createTopics';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { readDataMeshConfig } from '../config/readDataMeshConfig';
import { createKafka } from '../kafka/createKafka';
import { localStackConfig, uniqueName } from '../__testUtils__/localStack';
import { createSchemaRegistry } from './createSchemaRegistry';

const orderSchema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'commerce.orders',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'amountCents', type: 'long' },
    {
      name: 'currency',
      type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'] },
    },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};

describe('Avro through the schema registry and the broker', () => {
  const config = readDataMeshConfig(localStackConfig());
  // The portal creates the topic and produces; a pretend application (with
  // a consumer group of its own) reads, and the admin cleans up: fixtures.
  const kafka = createKafka(config.clusters[0], { clientId: config.clientId });
  const fixtures = createKafka(clusterConfig('admin'), {
    clientId: 'data-mesh-tests-fixtures',
  });
  const registry = createSchemaRegistry(config.schemaRegistry);
  const topic = uniqueName('it.avro');
  const admin = kafka.admin();
  const fixturesAdmin = fixtures.admin();

  beforeAll(async () => {
    await admin.connect();
    await fixturesAdmin.connect();
    await createTopics(admin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
  });

  afterAll(async () => {
    await fixturesAdmin
      .deleteTopics({ topics: [topic] })
      .catch(() => undefined);
    await fixturesAdmin.disconnect();
    await admin.disconnect();
  });

  it('registers a schema, produces an encoded record and decodes it back', async () => {
    const subject = `${topic}-value`;
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) },
      { subject },
    );
    expect(await registry.getLatestSchemaId(subject)).toBe(id);

    // Registering the same schema again must give the same id (idempotent).
    const again = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) },
      { subject },
    );
    expect(again.id).toBe(id);

    const order = {
      orderId: 'o-1',
      amountCents: 4200,
      currency: 'EUR',
      note: null,
    };
    const value = await registry.encode(id, order);
    // Confluent wire format: magic byte 0, then the 4-byte schema id.
    expect(value[0]).toBe(0);
    expect(value.readInt32BE(1)).toBe(id);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'o-1', value }] });
    await producer.disconnect();

    const consumer = fixtures.consumer({ groupId: uniqueName('it-avro') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const decoded = await new Promise<unknown>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) =>
            resolve(await registry.decode(message.value!)),
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(decoded).toEqual(order);
  });

  it('rejects an incompatible evolution under BACKWARD compatibility', async () => {
    const subject = uniqueName('it.compat-value');
    // Registries differ in their default level (Confluent: BACKWARD,
    // Apicurio: none), so the suite always sets it per subject.
    const res = await fetch(
      `${config.schemaRegistry.url}/config/${encodeURIComponent(subject)}`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ compatibility: 'BACKWARD' }),
      },
    );
    expect(res.status).toBe(200);
    await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) },
      { subject },
    );
    const breaking = {
      ...orderSchema,
      fields: [
        ...orderSchema.fields,
        // A new field without a default cannot be read from old records.
        { name: 'customerId', type: 'string' },
      ],
    };
    await expect(
      registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(breaking) },
        { subject },
      ),
    ).rejects.toThrow();
  });
});
