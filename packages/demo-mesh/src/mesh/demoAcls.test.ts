import { PRINCIPALS } from '@kafka-mesh/local-stack';
import {
  ANNOTATION_KAFKA_PRINCIPAL,
  KAFKA_PRINCIPAL_RESOURCE_TYPE,
  KafkaAcl,
} from '@kafka-mesh/plugin-data-mesh-common';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { demoProcessors } from '../processors';
import { demoAcls } from './demoAcls';
import { DEMO_CATALOG_FILES, loadDemoProducts } from './demoProducts';

const naming = { topicPrefix: 'it.' };
const products = loadDemoProducts(naming);
const acls = demoAcls({
  ...naming,
  products,
  processors: demoProcessors(),
});

/** `<operation> <type> <name>` per principal, sorted. */
function grantsOf(principal: string): string[] {
  return acls
    .filter(acl => acl.principal === `User:${principal}`)
    .map(acl => `${acl.operation} ${acl.resourceType} ${acl.resourceName}`)
    .sort();
}

/** The product's topic, with the prefix (`it.checkout.orders-placed.v2`). */
const topic = (name: string) =>
  `topic ${products.find(p => p.name === name)!.topic}`;
const readable = (name: string) => [
  `describe ${topic(name)}`,
  `read ${topic(name)}`,
];
const writable = (name: string) => [
  `describe ${topic(name)}`,
  `write ${topic(name)}`,
];
const sorted = (grants: string[]) => [...grants].sort();

describe('demoAcls', () => {
  it('lets the generators write the source products, and nothing else', () => {
    expect(grantsOf('demo-generators')).toEqual(
      sorted(
        [
          'accounts-receivable',
          'checkout-orders-placed',
          'customer-profiles',
          'inventory-levels',
          'orders-placed',
          'page-views',
          'payments-settled',
          'shipments-dispatched',
          'warehouse-inbound',
          'warehouse-outbound',
        ].flatMap(writable),
      ),
    );
  });

  it('lets each processor read its inputs with its own group and write its output', () => {
    expect(grantsOf('demo-recent-sales-by-product')).toEqual(
      sorted([
        ...readable('checkout-orders-placed'),
        'read group it.demo-mesh.recent-sales-by-product',
        ...writable('recent-sales-by-product'),
      ]),
    );
    expect(grantsOf('demo-high-value-orders')).toEqual(
      sorted([
        ...readable('customer-profiles'),
        ...readable('checkout-orders-placed'),
        'read group it.demo-mesh.high-value-orders',
        ...writable('high-value-orders'),
      ]),
    );
    expect(grantsOf('demo-inventory-shrinkage')).toEqual(
      sorted([
        ...readable('warehouse-inbound'),
        ...readable('warehouse-outbound'),
        ...readable('accounts-receivable'),
        'read group it.demo-mesh.inventory-shrinkage',
        ...writable('inventory-shrinkage'),
      ]),
    );
    expect(grantsOf('demo-eu-customer-profiles')).toEqual(
      sorted([
        ...readable('customer-profiles'),
        'read group it.demo-mesh.eu-customer-profiles',
        ...writable('eu-customer-profiles'),
      ]),
    );
  });

  it('lets the sales dashboard read recent sales with its group', () => {
    expect(grantsOf('demo-sales-dashboard')).toEqual(
      sorted([
        ...readable('recent-sales-by-product'),
        'read group it.sales-dashboard',
      ]),
    );
  });

  it('grants only the demo principals of the stack, literal allows from anywhere, never the registry topic', () => {
    const principals = new Set(acls.map(acl => acl.principal));
    expect([...principals].sort()).toEqual(
      PRINCIPALS.filter(p => p.startsWith('demo-'))
        .map(p => `User:${p}`)
        .sort(),
    );
    for (const acl of acls) {
      expect(acl).toMatchObject<Partial<KafkaAcl>>({
        patternType: 'literal',
        host: '*',
        permission: 'allow',
      });
      expect(acl.resourceName.startsWith('it.')).toBe(true);
    }
    expect(acls.map(acl => acl.resourceName)).not.toContain('_data-products');
    // One ACL each: no duplicates.
    expect(new Set(acls.map(a => JSON.stringify(a))).size).toBe(acls.length);
  });

  it('names the group and topics without a prefix when there is none', () => {
    const plain = demoAcls({
      products: loadDemoProducts(),
      processors: demoProcessors(),
    });
    expect(plain).toContainEqual(
      expect.objectContaining({
        principal: 'User:demo-sales-dashboard',
        resourceType: 'group',
        resourceName: 'sales-dashboard',
      }),
    );
  });
});

describe('the kafka-principal Resources', () => {
  const entities = DEMO_CATALOG_FILES.flatMap(file =>
    parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()),
  );
  const teams = new Set(
    entities
      .filter(e => e.kind === 'Group')
      .map(e => `group:default/${e.metadata.name}`),
  );
  const owners = Object.fromEntries(
    entities
      .filter(
        e =>
          e.kind === 'Resource' &&
          e.spec?.type === KAFKA_PRINCIPAL_RESOURCE_TYPE,
      )
      .map(e => [
        e.metadata.annotations?.[ANNOTATION_KAFKA_PRINCIPAL],
        e.spec.owner,
      ]),
  );

  it('name every demo app principal and two consumer apps, each owned by its team', () => {
    expect(owners).toEqual({
      'User:demo-generators': 'group:default/platform-team',
      'User:demo-recent-sales-by-product': 'group:default/web-analytics-team',
      'User:demo-high-value-orders': 'group:default/payments-team',
      'User:demo-inventory-shrinkage': 'group:default/inventory-team',
      'User:demo-eu-customer-profiles': 'group:default/customer-team',
      'User:demo-sales-dashboard': 'group:default/web-analytics-team',
      'User:consumer-app-1': 'group:default/customer-team',
      'User:consumer-app-2': 'group:default/checkout-team',
    });
    for (const owner of Object.values(owners)) expect(teams).toContain(owner);
    // Every principal the seed grants ACLs to has its Resource.
    for (const { principal } of acls)
      expect(owners).toHaveProperty([principal]);
  });

  it("are owned by the team that owns the processor's output", () => {
    for (const processor of demoProcessors()) {
      const output = products.find(p => p.name === processor.output)!;
      const principal = acls.find(
        acl =>
          acl.resourceType === 'group' &&
          acl.resourceName === `it.${processor.group}`,
      )!.principal;
      expect([principal, owners[principal]]).toEqual([
        principal,
        output.descriptor.spec.owner,
      ]);
    }
  });
});
