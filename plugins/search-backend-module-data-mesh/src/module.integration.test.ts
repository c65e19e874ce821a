import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { SchemaRegistryRestClient } from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { AddressInfo, createConnection, createServer, Server } from 'node:net';
import { DataProductCollatorFactory } from './collator/DataProductCollatorFactory';
import type { DataProductDocument } from './collator/DataProductDocument';
import searchModuleDataMesh from './index';

// The module on the real schema registry of the local stack: a product's
// registered Avro schema is fetched by its id and its fields are searchable
// through the search backend (Lunr); with the registry's address closed the
// products are still indexed, without fields, and the next run has them.
jest.setTimeout(120_000);

const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';
const run = randomUUID().slice(0, 8);
const registry = new SchemaRegistryRestClient({ url: registryUrl });

const customersSubject = `it.search.customers-${run}.v1-value`;
const ordersSubject = `it.search.orders-${run}.v1-value`;

const customerSchema = {
  type: 'record',
  name: 'CustomerRegistered',
  namespace: 'it.search',
  fields: [
    { name: 'customerId', type: 'string' },
    {
      name: 'contact',
      type: {
        type: 'record',
        name: 'Contact',
        fields: [
          {
            name: 'customerEmail',
            type: ['null', 'string'],
            default: null,
            doc: 'Where receipts are sent',
          },
        ],
      },
    },
  ],
};
const orderSchema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'it.search',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
};

function product(name: string, subject: string, id: number) {
  const entity = makeDataProduct(name, subject.replace(/-value$/, ''), {
    sla: {
      tier: 'tier-1',
      availability: 99.9,
      freshness: 'PT1M',
      supportHours: '24x7',
      onCall: 'https://oncall.example.com/customers',
    },
  });
  entity.spec.observed = {
    schema: { status: 'registered', subject, version: 1, id, format: 'avro' },
  } as DataProductEntity['spec']['observed'];
  return entity;
}

/** The portal's `dataMesh` config for the stack, with another registry URL. */
const dataMeshConfig = (url: string, auth?: object) => ({
  kafka: { clusters: [clusterConfig('portal')] },
  schemaRegistry: { url, ...(auth && { auth }) },
});

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Forwards a local port to the real registry: the registry "comes back". */
async function forwardToRegistry(port: number): Promise<Server> {
  const target = new URL(registryUrl);
  const server = createServer(socket => {
    const upstream = createConnection(
      Number(target.port || 80),
      target.hostname,
    );
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

type SearchResponse = {
  results: Array<{ type: string; document: DataProductDocument }>;
};

describe('the data mesh search module on the real schema registry', () => {
  let customers: DataProductEntity;
  let orders: DataProductEntity;

  beforeAll(async () => {
    const customersId = (
      await registry.register(customersSubject, {
        schemaType: 'AVRO',
        schema: JSON.stringify(customerSchema),
      })
    ).id;
    const ordersId = (
      await registry.register(ordersSubject, {
        schemaType: 'AVRO',
        schema: JSON.stringify(orderSchema),
      })
    ).id;
    customers = product(`customers-${run}`, customersSubject, customersId);
    orders = product(`orders-${run}`, ordersSubject, ordersId);
  });

  afterAll(async () => {
    await registry.deleteSubject(customersSubject);
    await registry.deleteSubject(ordersSubject);
  });

  describe('in the search backend', () => {
    let backend: TestBackend;
    let port: number;

    const search = async (term: string) => {
      const res = await fetch(
        `http://localhost:${port}/api/search/query?term=${encodeURIComponent(
          term,
        )}&types[0]=data-product`,
        { headers: { Authorization: mockCredentials.user.header() } },
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as SearchResponse).results;
    };

    beforeAll(async () => {
      backend = await startTestBackend({
        features: [
          searchPlugin,
          searchModuleDataMesh,
          catalogServiceMock.factory({ entities: [customers, orders] }),
          schedulerServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              dataMesh: dataMeshConfig(registryUrl),
              search: {
                collators: {
                  dataMesh: {
                    schedule: {
                      frequency: { seconds: 2 },
                      timeout: { seconds: 30 },
                      initialDelay: { seconds: 0 },
                    },
                  },
                },
              },
            },
          }),
        ],
      });
      const address = backend.server.address();
      port = typeof address === 'object' && address ? address.port : 0;
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('finds the product by a nested field name, by a word of it, and by its doc', async () => {
      const results = await eventually(
        async () => {
          const found = await search('customerEmail');
          expect(found.length).toBeGreaterThan(0);
          return found;
        },
        { deadlineMs: 60_000, intervalMs: 500 },
      );
      expect(results.map(r => r.document.name)).toEqual([`customers-${run}`]);
      const [{ type, document }] = results;
      expect(type).toBe('data-product');
      expect(document).toMatchObject({
        title: customers.metadata.title,
        location: `/catalog/default/dataproduct/customers-${run}`,
        entityRef: `dataproduct:default/customers-${run}`,
        owner: 'group:default/checkout-team',
        domain: 'commerce',
        tier: 'tier-1',
        freshness: 'PT1M',
        fields: ['customerId', 'contact', 'contact.customerEmail'],
      });
      expect(document.fieldText).toContain('Where receipts are sent');

      expect((await search('email')).map(r => r.document.name)).toEqual([
        `customers-${run}`,
      ]);
      expect((await search('receipts')).map(r => r.document.name)).toEqual([
        `customers-${run}`,
      ]);
      expect((await search('amount')).map(r => r.document.name)).toEqual([
        `orders-${run}`,
      ]);
    });
  });

  it('indexes the products without fields while the registry cannot be reached, without naming its address or credentials, and with fields on the next run', async () => {
    const port = await closedPort();
    const password = `secret-${run}`;
    const logger = mockServices.logger.mock();
    const factory = DataProductCollatorFactory.fromConfig(
      new ConfigReader({
        dataMesh: dataMeshConfig(`http://127.0.0.1:${port}/apis/ccompat/v7`, {
          username: 'portal',
          password,
        }),
      }),
      {
        auth: mockServices.auth(),
        catalog: catalogServiceMock({ entities: [customers, orders] }),
        logger,
      },
    );
    const collect = async () => {
      const documents: DataProductDocument[] = [];
      for await (const d of await factory.getCollator()) documents.push(d);
      return documents;
    };

    const whileDown = await collect();
    expect(whileDown.map(d => [d.name, d.fields])).toEqual([
      [`customers-${run}`, []],
      [`orders-${run}`, []],
    ]);
    expect(whileDown[0]).toMatchObject({ tier: 'tier-1', freshness: 'PT1M' });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    const [warning] = logger.warn.mock.calls[0];
    expect(warning).toMatch(
      /^Indexed 2 data product\(s\) without their schema fields, the schema registry is unavailable: unreachable \(ECONNREFUSED\).*; the next run tries again$/,
    );
    expect(warning).not.toContain(String(port));
    expect(warning).not.toContain(password);

    const proxy = await forwardToRegistry(port);
    try {
      const recovered = await collect();
      expect(recovered.map(d => [d.name, d.fields])).toEqual([
        [
          `customers-${run}`,
          ['customerId', 'contact', 'contact.customerEmail'],
        ],
        [`orders-${run}`, ['orderId', 'amount']],
      ]);
      expect(logger.warn).toHaveBeenCalledTimes(1);
    } finally {
      proxy.close();
    }
  });
});
