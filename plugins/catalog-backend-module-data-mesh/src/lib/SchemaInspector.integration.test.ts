import {
  DefaultKafkaService,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import { RegistryStorageTopic } from './RegistryStorageTopic';
import { SchemaInspector } from './SchemaInspector';
import { clusterConfig, REGISTRY_STORAGE_TOPIC } from '@kafka-mesh/local-stack';

const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

jest.setTimeout(60_000);

const schema = (fields: string[]) => ({
  schemaType: 'AVRO' as const,
  schema: JSON.stringify({
    type: 'record',
    name: 'Order',
    namespace: 'it.inspector',
    fields: fields.map(name => ({
      name,
      type: 'string',
      ...(name !== 'orderId' && { default: '' }),
    })),
  }),
});

describe("SchemaInspector with the real registry's storage topic as change signal", () => {
  const run = randomUUID().slice(0, 8);
  const subjects = [
    `it.inspector-a-${run}-value`,
    `it.inspector-b-${run}-value`,
  ];
  const client = new SchemaRegistryRestClient({ url: registryUrl });
  // The real service, as the module gets it: shared admin, pooled reads,
  // as the portal's principal.
  const kafka = new DefaultKafkaService({
    registryTopic: '_data-products',
    clientId: 'inspector-it',
    clusters: [clusterConfig('portal')],
    schemaRegistry: { url: registryUrl },
  });
  let inspector: SchemaInspector;
  const latest = jest.spyOn(client, 'latestVersion');
  const compatibility = jest.spyOn(client, 'compatibility');
  const requests = () =>
    latest.mock.calls.length + compatibility.mock.calls.length;

  beforeAll(async () => {
    for (const subject of subjects) {
      await client.register(subject, schema(['orderId']));
    }
    inspector = new SchemaInspector(client, {
      changes: new RegistryStorageTopic({
        cluster: kafka.cluster('local'),
        topic: REGISTRY_STORAGE_TOPIC,
      }),
    });
  });

  afterAll(async () => {
    for (const subject of subjects) await client.deleteSubject(subject);
    await kafka.stop();
  });

  it('reads every subject once, then only what the registry was written to', async () => {
    const first = await inspector.describe(subjects, { refresh: true });
    expect(first.get(subjects[0])).toMatchObject({
      status: 'registered',
      version: 1,
      compatibility: 'BACKWARD',
    });
    expect(requests()).toBe(4);

    const again = await inspector.describe(subjects, { refresh: true });
    expect(requests()).toBe(4);
    expect(again).toEqual(first);

    // Only the subject written to is asked about again.
    await client.register(subjects[1], schema(['orderId', 'note']));
    const changed = await inspector.describe(subjects, { refresh: true });
    expect(requests()).toBe(6);
    expect(latest.mock.calls.at(-1)).toEqual([subjects[1]]);
    expect(changed.get(subjects[1])).toMatchObject({ version: 2 });
    expect(changed.get(subjects[0])).toEqual(first.get(subjects[0]));

    await inspector.describe(subjects, { refresh: true });
    expect(requests()).toBe(6);
  });
});
