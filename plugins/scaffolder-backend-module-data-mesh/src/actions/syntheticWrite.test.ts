import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { dataMeshSyntheticReadPermission } from '@kafka-mesh/plugin-data-mesh-common';
import { InputError, NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { recordValidator } from '@kafka-mesh/plugin-data-mesh-node';
import fs from 'node:fs';
import {
  cleanUp,
  exampleInput,
  newProduct,
  runAction,
  testClients,
} from '../__testUtils__/testEnvironment';
import { createSyntheticWriteAction } from './syntheticWrite';
import { examples } from './syntheticWrite.examples';

const orderSchema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'commerce',
  fields: [
    { name: 'orderId', type: { type: 'string', logicalType: 'uuid' } },
    {
      name: 'total',
      type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 },
    },
    {
      name: 'customer',
      type: {
        type: 'record',
        name: 'Customer',
        fields: [
          { name: 'email', type: 'string' },
          { name: 'loyaltyCode', type: 'string' },
        ],
      },
    },
  ],
};
const shipmentSchema = `syntax = "proto3";
message Shipment { string shipment_id = 1; string recipient_name = 2; }
`;

describe('dataMesh:synthetic:write', () => {
  // The registry is real; the catalog is a mock holding the descriptors.
  const clients = testClients();
  const orders = newProduct({ piiFields: ['customer.loyaltyCode'] });
  // Declared `avro`, registered as Protobuf: the registry decides.
  const shipments = newProduct();
  const unregistered = newProduct();
  const action = createSyntheticWriteAction({
    catalog: catalogServiceMock({
      entities: [
        orders.descriptor,
        shipments.descriptor,
        unregistered.descriptor,
      ],
    }),
    permissions: mockServices.permissions(),
    registry: clients.registry,
  });
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const read = (file: string) =>
    JSON.parse(fs.readFileSync(mockDir.resolve('workspace', file), 'utf8'));

  beforeAll(async () => {
    await clients.registry.register(orders.subject, {
      schemaType: 'AVRO',
      schema: JSON.stringify(orderSchema),
    });
    await clients.registry.register(shipments.subject, {
      schemaType: 'PROTOBUF',
      schema: shipmentSchema,
    });
  });

  afterAll(() =>
    cleanUp(clients, { subjects: [orders.subject, shipments.subject] }),
  );

  it('writes 20 records of the latest schema by default (example 1)', async () => {
    const input = { ...exampleInput(examples, 0), entityRef: orders.ref };
    const output = await runAction(action, input, { workspacePath });
    expect(output).toEqual({ path: 'test-data/orders-placed.json', count: 20 });

    const records = read('test-data/orders-placed.json');
    expect(records).toHaveLength(20);
    const validate = recordValidator('avro', JSON.stringify(orderSchema));
    for (const record of records) {
      // Bytes are base64 in the JSON file; as Buffers they fit the schema.
      const value = { ...record, total: Buffer.from(record.total, 'base64') };
      expect(validate(value)).toBeUndefined();
      expect(record.customer.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/i);
      expect(record.customer.loyaltyCode).toMatch(/\w+ \w+/);
    }
  });

  it('writes a reproducible set of the requested size (example 2)', async () => {
    const input = { ...exampleInput(examples, 1), entityRef: orders.ref };
    expect(await runAction(action, input, { workspacePath })).toEqual({
      path: 'src/test/resources/records.json',
      count: 500,
    });
    const first = read('src/test/resources/records.json');
    await runAction(action, input, { workspacePath });
    expect(read('src/test/resources/records.json')).toEqual(first);
    await runAction(action, { ...input, seed: 8 }, { workspacePath });
    expect(read('src/test/resources/records.json')).not.toEqual(first);
  });

  it('follows the registered schema type', async () => {
    await runAction(
      action,
      { entityRef: shipments.ref, count: 5, path: 'shipments.json' },
      { workspacePath },
    );
    const validate = recordValidator('protobuf', shipmentSchema);
    const records = read('shipments.json');
    expect(records).toHaveLength(5);
    for (const record of records) {
      expect(validate(record)).toBeUndefined();
      expect(record.recipientName).toMatch(/\w+ \w+/);
    }
  });

  it('refuses a product without a schema, an unknown product and a bad count', async () => {
    await expect(
      runAction(
        action,
        { entityRef: unregistered.ref, path: 'x.json' },
        { workspacePath },
      ),
    ).rejects.toThrow(
      new InputError(
        `${unregistered.ref} has no schema: nothing is registered under the subject '${unregistered.subject}'`,
      ),
    );
    await expect(
      runAction(
        action,
        { entityRef: 'dataproduct:default/missing', path: 'x.json' },
        { workspacePath },
      ),
    ).rejects.toThrow(
      'There is no data product dataproduct:default/missing in the catalog',
    );
    await expect(
      runAction(
        action,
        { entityRef: orders.ref, count: 0, path: 'x.json' },
        { workspacePath },
      ),
    ).rejects.toThrow('count must be an integer from 1 to 1000, not 0');
    expect(fs.existsSync(mockDir.resolve('workspace', 'x.json'))).toBe(false);
  });

  it('refuses a caller without the synthetic permission on the product, writing nothing', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
    });
    const denied = createSyntheticWriteAction({
      catalog: catalogServiceMock({ entities: [orders.descriptor] }),
      permissions,
      registry: clients.registry,
    });
    await expect(
      runAction(
        denied,
        { entityRef: orders.ref, path: 'denied.json' },
        { workspacePath },
      ),
    ).rejects.toThrow(NotAllowedError);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: dataMeshSyntheticReadPermission,
          resourceRef: orders.ref,
        },
      ],
      expect.anything(),
    );
    expect(fs.existsSync(mockDir.resolve('workspace', 'denied.json'))).toBe(
      false,
    );
  });

  it('refuses a ref that is not a data product ref before reading anything', async () => {
    const planted = `dataproduct:default/x\n---\nkind: Group`;
    const catalog = catalogServiceMock.mock();
    const guarded = createSyntheticWriteAction({
      catalog,
      permissions: mockServices.permissions(),
      registry: clients.registry,
    });
    await expect(
      runAction(
        guarded,
        { entityRef: planted, path: 'y.json' },
        { workspacePath },
      ),
    ).rejects.toThrow(
      new InputError(
        `entityRef ${JSON.stringify(
          planted,
        )} is not an entity reference ([<kind>:][<namespace>/]<name>): the name ${JSON.stringify(
          'x\n---\nkind: Group',
        )} is not 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      ),
    );
    await expect(
      runAction(
        guarded,
        { entityRef: 'group:default/admins', path: 'y.json' },
        { workspacePath },
      ),
    ).rejects.toThrow(
      'entityRef "group:default/admins" must refer to DataProduct, not group',
    );
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    expect(fs.existsSync(mockDir.resolve('workspace', 'y.json'))).toBe(false);
  });

  it('writes nothing outside the workspace', async () => {
    await expect(
      runAction(
        action,
        { entityRef: orders.ref, path: '../outside.json' },
        { workspacePath },
      ),
    ).rejects.toThrow(NotAllowedError);
    expect(fs.existsSync(mockDir.resolve('outside.json'))).toBe(false);
  });
});
