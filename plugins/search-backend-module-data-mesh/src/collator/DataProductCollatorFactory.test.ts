import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  RegistryUnavailableError,
  type RegistrySchema,
} from '@kafka-mesh/plugin-data-mesh-node';
import { DataProductCollatorFactory } from './DataProductCollatorFactory';
import type { DataProductDocument } from './DataProductDocument';
import { ENTITY_FIELDS } from './toDataProductDocument';

const avro = (name: string, fields: string[]): RegistrySchema => ({
  schemaType: 'AVRO',
  schema: JSON.stringify({
    type: 'record',
    name,
    fields: fields.map(f => ({ name: f, type: 'string', doc: `the ${f}` })),
  }),
});

function productWithSchema(name: string, id?: number): DataProductEntity {
  const entity = makeDataProduct(name, `t.${name}.v1`);
  if (id !== undefined) {
    entity.spec.observed = {
      schema: {
        status: 'registered',
        subject: `t.${name}.v1-value`,
        version: 1,
        id,
        format: 'avro',
      },
    } as DataProductEntity['spec']['observed'];
  }
  return entity;
}

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'dashboard' },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
};

/**
 * A registry of schemas by id, pure logic: it counts calls, knows how many
 * are under way at once, and can be taken down.
 */
class FakeRegistry {
  calls: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  down = false;
  constructor(private readonly schemas: Map<number, RegistrySchema>) {}
  async schemaById(id: number): Promise<RegistrySchema> {
    this.calls.push(id);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise(resolve => setImmediate(resolve));
      if (this.down) {
        throw new RegistryUnavailableError('unreachable (ECONNREFUSED)');
      }
      const schema = this.schemas.get(id);
      if (!schema) throw new NotFoundError(`No schema with the id ${id}`);
      return schema;
    } finally {
      this.inFlight--;
    }
  }
}

async function collect(
  factory: DataProductCollatorFactory,
): Promise<DataProductDocument[]> {
  const documents: DataProductDocument[] = [];
  for await (const document of await factory.getCollator()) {
    documents.push(document);
  }
  return documents;
}

function setup(
  entities: Entity[],
  schemas: Map<number, RegistrySchema>,
  options: { batchSize?: number; schemaCacheSize?: number } = {},
) {
  const catalog = catalogServiceMock({ entities });
  const queryEntities = jest.spyOn(catalog, 'queryEntities');
  const registry = new FakeRegistry(schemas);
  const logger = mockServices.logger.mock();
  const auth = mockServices.auth();
  const factory = new DataProductCollatorFactory({
    auth,
    catalog,
    logger,
    registry,
    ...options,
  });
  return { factory, registry, logger, queryEntities };
}

describe('DataProductCollatorFactory', () => {
  it('hides a product in search from whoever may not read it in the catalog', () => {
    const factory = new DataProductCollatorFactory({
      auth: mockServices.auth(),
      catalog: catalogServiceMock({ entities: [] }),
      logger: mockServices.logger.mock(),
      registry: {
        schemaById: async () => {
          throw new Error('not asked');
        },
      },
    });
    expect(factory.visibilityPermission).toBe(catalogEntityReadPermission);
  });

  it('indexes every DataProduct, page by page, asking only for the fields a document needs', async () => {
    const products = Array.from({ length: 5 }, (_, i) =>
      productWithSchema(`p${i}`, 100 + i),
    );
    const schemas = new Map(
      products.map((_, i) => [100 + i, avro(`S${i}`, [`field${i}`])]),
    );
    const { factory, queryEntities } = setup(
      [component, ...products],
      schemas,
      { batchSize: 2 },
    );

    const documents = await collect(factory);

    expect(factory.type).toBe('data-product');
    expect(documents.map(d => d.name)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(documents.map(d => d.fields)).toEqual([
      ['field0'],
      ['field1'],
      ['field2'],
      ['field3'],
      ['field4'],
    ]);
    expect(documents[2].fieldText).toBe('field2 the field2');
    // Three pages of two; every request limited and with the same fields.
    expect(queryEntities).toHaveBeenCalledTimes(3);
    expect(queryEntities.mock.calls[0][0]).toEqual({
      filter: { kind: 'DataProduct' },
      limit: 2,
      fields: ENTITY_FIELDS,
      totalItems: 'exclude',
    });
    for (const [request] of queryEntities.mock.calls.slice(1)) {
      expect(request).toEqual({
        cursor: expect.any(String),
        limit: 2,
        fields: ENTITY_FIELDS,
      });
    }
    // With the module's own service credentials.
    expect(queryEntities.mock.calls[0][1]).toEqual({
      credentials: expect.objectContaining({
        principal: expect.objectContaining({ type: 'service' }),
      }),
    });
  });

  it('fetches a schema id once, across products and across runs', async () => {
    const products = [
      productWithSchema('a', 7),
      productWithSchema('b', 7),
      productWithSchema('c', 8),
      productWithSchema('no-schema'),
    ];
    const { factory, registry } = setup(
      products,
      new Map([
        [7, avro('Seven', ['shared'])],
        [8, avro('Eight', ['own'])],
      ]),
    );

    const first = await collect(factory);
    expect(first.map(d => [d.name, d.fields])).toEqual([
      ['a', ['shared']],
      ['b', ['shared']],
      ['c', ['own']],
      ['no-schema', []],
    ]);
    expect(registry.calls.sort()).toEqual([7, 8]);

    const second = await collect(factory);
    expect(second).toEqual(first);
    expect(registry.calls).toHaveLength(2);
  });

  it('forgets the least recently used schema beyond the cache size', async () => {
    const { factory, registry } = setup(
      [productWithSchema('a', 1), productWithSchema('b', 2)],
      new Map([
        [1, avro('One', ['one'])],
        [2, avro('Two', ['two'])],
      ]),
      { schemaCacheSize: 1 },
    );
    await collect(factory);
    await collect(factory);
    // Each run needs both; one fits.
    expect(registry.calls.length).toBeGreaterThan(2);
  });

  it('asks the registry at most four at a time', async () => {
    const products = Array.from({ length: 12 }, (_, i) =>
      productWithSchema(`p${i}`, i + 1),
    );
    const { factory, registry } = setup(
      products,
      new Map(products.map((_, i) => [i + 1, avro(`S${i}`, ['f'])])),
    );
    await collect(factory);
    expect(registry.calls).toHaveLength(12);
    expect(registry.maxInFlight).toBe(4);
  });

  it('indexes the products without fields while the registry is down, warns once without secrets, and picks the fields up on the next run', async () => {
    const products = Array.from({ length: 6 }, (_, i) =>
      productWithSchema(`p${i}`, i + 1),
    );
    const { factory, registry, logger } = setup(
      products,
      new Map(products.map((_, i) => [i + 1, avro(`S${i}`, [`f${i}`])])),
      { batchSize: 2 },
    );
    registry.down = true;

    const whileDown = await collect(factory);
    expect(whileDown.map(d => d.name)).toEqual([
      'p0',
      'p1',
      'p2',
      'p3',
      'p4',
      'p5',
    ]);
    expect(whileDown.every(d => d.fields.length === 0)).toBe(true);
    // The run stops asking once the registry failed: not one call per product.
    expect(registry.calls.length).toBeLessThanOrEqual(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Indexed 6 data product(s) without their schema fields, the schema registry is unavailable: unreachable (ECONNREFUSED); the next run tries again',
    );

    registry.down = false;
    const recovered = await collect(factory);
    expect(recovered.map(d => d.fields)).toEqual(
      products.map((_, i) => [`f${i}`]),
    );
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('indexes a product whose schema id the registry does not know, or whose schema does not parse, without fields', async () => {
    const { factory, registry, logger } = setup(
      [
        productWithSchema('gone', 404),
        productWithSchema('broken', 5),
        productWithSchema('fine', 6),
      ],
      new Map([
        [5, { schemaType: 'AVRO', schema: '{"type": "record",' }],
        [6, avro('Fine', ['ok'])],
      ]),
    );
    const documents = await collect(factory);
    expect(documents.map(d => [d.name, d.fields])).toEqual([
      ['gone', []],
      ['broken', []],
      ['fine', ['ok']],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Schema id 404 is not in the schema registry'),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Schema id 5 could not be read for its fields'),
    );
    // The broken schema is remembered (its id will not change); the unknown
    // id is asked again, as the catalog may name it later.
    await collect(factory);
    expect(registry.calls.filter(id => id === 5)).toHaveLength(1);
    expect(registry.calls.filter(id => id === 404)).toHaveLength(2);
  });
});
