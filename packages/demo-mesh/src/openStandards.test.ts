import {
  DataProductEntity,
  fromOdps,
  QualityRule,
  toOdcs,
  toOdps,
  ToOdcsOptions,
  translateRegistrySchema,
} from '@kafka-mesh/plugin-data-mesh-common';
import { registrySchemaOf } from '@kafka-mesh/plugin-data-mesh-node';
// Both are dependencies of data-mesh-node and data-mesh-common (hoisted).
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { loadDemoProducts } from './mesh/demoProducts';

// Every demo product, exported to ODPS v1.1.0, ODPS v1.0.0 and ODCS v3.1.0,
// is checked against Bitol's published JSON schemas, kept unchanged in
// standards/bitol (a clean clone has them); a missing file fails the test
// rather than skipping it, so that a green run always means "valid against
// the standards".
const repoRoot = path.resolve(__dirname, '../../..');
const STANDARDS_DIR = path.join(repoRoot, 'standards/bitol');
/** Where the schemas were handed to the team, beside the repository. */
const HANDED_DIR = path.resolve(repoRoot, '../shared/standards');

function standard(file: string) {
  const full = path.join(STANDARDS_DIR, file);
  if (!fs.existsSync(full)) {
    throw new Error(
      `${full} is missing: the open-standard schemas must be in ${STANDARDS_DIR}`,
    );
  }
  // Where the handed-over copies exist (this machine kind), ours must be
  // them byte for byte.
  const handed = path.join(HANDED_DIR, file);
  if (
    fs.existsSync(handed) &&
    fs.readFileSync(handed, 'utf8') !== fs.readFileSync(full, 'utf8')
  ) {
    throw new Error(`${full} differs from ${handed}`);
  }
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(full, 'utf8')));
}

const validators = {
  'odps-v1.1.0': standard('odps-json-schema-v1.1.0.json'),
  'odps-v1.0.0': standard('odps-json-schema-v1.0.0.json'),
  'odcs-v3.1.0': standard('odcs-json-schema-v3.1.0.json'),
};

function expectValid(name: keyof typeof validators, doc: unknown) {
  const validate = validators[name];
  const valid = validate(JSON.parse(JSON.stringify(doc)));
  expect({ valid, errors: validate.errors ?? null }).toEqual({
    valid: true,
    errors: null,
  });
}

const cluster = {
  name: 'local',
  brokers: ['broker-1.example.com:9092', 'broker-2.example.com:9092'],
  sasl: { mechanism: 'plain', username: 'portal', password: 'not-in-exports' },
};
const owner = {
  title: 'The team',
  members: [{ username: 'user:default/alice', name: 'Alice' }],
};

const products = loadDemoProducts();

function optionsOf(product: (typeof products)[number]): ToOdcsOptions {
  return {
    cluster,
    owner,
    schema: registrySchemaOf(product.schema.format, product.schema.text),
  };
}

/** One rule per metric, on the schema's first properties: the rules ODCS knows and freshness. */
function withRules(product: (typeof products)[number]): DataProductEntity {
  const { properties } = translateRegistrySchema(
    registrySchemaOf(product.schema.format, product.schema.text),
  );
  const [first, second] = properties.map(p => p.name);
  const rules: QualityRule[] = [
    { name: 'first-present', metric: 'nullValues', property: first, mustBe: 0 },
    {
      name: 'second-valid',
      metric: 'invalidValues',
      property: second ?? first,
      arguments: { pattern: '^.+$' },
      mustBeLessOrEqualTo: 1,
      unit: 'percent',
      severity: 'warning',
    },
    {
      name: 'unique-first',
      metric: 'duplicateValues',
      property: first,
      arguments: { window: 'PT1H' },
      mustBe: 0,
    },
    {
      name: 'ghost-present',
      metric: 'nullValues',
      property: 'no.such.field',
      mustBe: 0,
    },
    {
      name: 'steady-volume',
      metric: 'rowCount',
      arguments: { window: 'PT1M' },
      mustBeBetween: [10, 10000],
    },
    {
      name: 'fresh',
      description: 'The newest record is at most 5 minutes old.',
      metric: 'freshness',
      mustBeLessOrEqualTo: 300,
      unit: 'seconds',
      severity: 'error',
    },
  ];
  return {
    ...product.descriptor,
    spec: { ...product.descriptor.spec, qualityRules: rules },
  };
}

it('checks for real: the validators reject what the standards forbid', () => {
  const [product] = products;
  const odps = toOdps(product.descriptor);
  expect(
    validators['odps-v1.0.0']({ ...odps, team: [{ username: 'x' }] }),
  ).toBe(false);
  expect(validators['odps-v1.0.0'](odps)).toBe(false); // apiVersion v1.1.0
  const odcs = toOdcs(product.descriptor, optionsOf(product));
  expect(
    validators['odcs-v3.1.0']({
      ...odcs,
      servers: [{ ...odcs.servers[0], topic: product.topic }],
    }),
  ).toBe(false);
});

describe.each([
  ['as written', (p: (typeof products)[number]) => p.descriptor],
  ['with a quality rule of each metric', withRules],
])('the demo products %s', (_, descriptorOf) => {
  it.each(products.map(p => [p.name, p] as const))(
    '%s exports valid ODPS v1.1.0, v1.0.0 and ODCS v3.1.0, and round-trips',
    (__, product) => {
      const entity = descriptorOf(product);
      const options = optionsOf(product);
      const odps11 = toOdps(entity, { owner });
      const odps10 = toOdps(entity, { owner, version: 'v1.0.0' });
      const odcs = toOdcs(entity, options);
      expectValid('odps-v1.1.0', odps11);
      expectValid('odps-v1.0.0', odps10);
      expectValid('odcs-v3.1.0', odcs);

      expect(odps11.outputPorts.map(port => port.contractId)).toEqual([
        odcs.id,
      ]);
      expect(odcs.servers[0].host).toBe(cluster.brokers.join(','));
      expect(JSON.stringify([odps11, odcs])).not.toContain(
        cluster.sasl.password,
      );
      expect(odcs.schema[0].properties?.length).toBeGreaterThan(0);

      for (const [odps, version] of [
        [odps11, 'v1.1.0'],
        [odps10, 'v1.0.0'],
      ] as const) {
        const imported = fromOdps(JSON.parse(JSON.stringify(odps)), [
          JSON.parse(JSON.stringify(odcs)),
        ]);
        if (!imported.valid) throw new Error(JSON.stringify(imported.errors));
        expect(toOdps(imported.entity, { owner, version })).toEqual(odps);
        expect(toOdcs(imported.entity, options)).toEqual(odcs);
        expect(imported.entity.spec.qualityRules ?? []).toEqual(
          expect.arrayContaining(entity.spec.qualityRules ?? []),
        );
        expect(imported.entity.spec.qualityRules?.length).toBe(
          entity.spec.qualityRules?.length,
        );
      }
    },
  );
});
