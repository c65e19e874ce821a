import {
  ensureRegistryTopic,
  publishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import type { DataProductProviderStatus } from '../providers/DataProductProvider';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Admin, Producer } from 'kafkajs';
import {
  fixtureKafka,
  startTestCatalog,
  TestCatalog,
} from '../__testUtils__/catalogBackend';

const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-it-restart-${run}`;
// The same name with a typo, as an operator might configure it.
const mistyped = `_data-prodcuts-it-restart-${run}`;
const product = `survivor-${run}`;

// Two catalog starts on one database; `eventually` bounds each wait.
jest.setTimeout(180_000);

describe('a restart with a mistyped dataMesh.registryTopic', () => {
  // The test's own fixtures run as the broker's admin; the module as the portal.
  const kafka = fixtureKafka();
  let admin: Admin;
  let producer: Producer;
  let databaseDir: string;
  const catalogs: TestCatalog[] = [];

  const start = async (topic: string) => {
    const catalog = await startTestCatalog({
      registryUrl,
      registryTopic: topic,
      databaseDir,
    });
    catalogs.push(catalog);
    return catalog;
  };

  beforeAll(async () => {
    databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-db-'));
    admin = kafka.admin();
    await admin.connect();
    await ensureRegistryTopic(admin, registryTopic);
    producer = kafka.producer();
    await producer.connect();
    await publishDescriptor(
      producer,
      registryTopic,
      makeDataProduct(product, `it.${product}.v1`),
    );
  });

  afterAll(async () => {
    for (const catalog of catalogs) await catalog.stop().catch(() => {});
    await producer?.disconnect();
    await admin
      ?.deleteTopics({ topics: [registryTopic, mistyped] })
      .catch(() => undefined);
    await admin?.disconnect();
    fs.rmSync(databaseDir, { recursive: true, force: true });
  });

  it('is reported on /status, keeps the products in the catalog and does not create the topic', async () => {
    const ref = `dataproduct:default/${product}`;
    const first = await start(registryTopic);
    await eventually(async () => expect(await first.entity(ref)).toBeDefined());
    await first.stop();
    catalogs.splice(catalogs.indexOf(first), 1);

    const second = await start(mistyped);
    const status = await eventually(async () => {
      const { body } = await second.get<{
        clusters: DataProductProviderStatus[];
      }>('/data-mesh/status');
      expect(body.clusters[0].problems).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Registry topic '${mistyped}' does not exist on Kafka cluster 'local': check dataMesh\\.registryTopic\\.`,
          ),
        ),
      ]);
      return body.clusters[0];
    });
    expect(status).toMatchObject({
      cluster: 'local',
      registryTopic: mistyped,
      ready: false,
      products: 0,
      productsAtRisk: [],
    });
    expect(status.staleSince).toBeUndefined();
    expect(status.problems[0]).toContain(
      'The products already in the catalog stay there',
    );
    // No empty `full` mutation removed what the first start stored.
    expect(await second.entity(ref)).toMatchObject({
      metadata: {
        name: product,
        annotations: {
          'backstage.io/managed-by-location': `kafka-topic:local/${registryTopic}`,
        },
      },
    });
    expect(await admin.listTopics()).not.toContain(mistyped);
  });
});
