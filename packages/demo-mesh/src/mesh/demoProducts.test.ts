import {
  ANNOTATION_CONSUMER_GROUPS,
  checkDescriptorGovernance,
  computeEffectiveSla,
  DataProductEntity,
  DEFAULT_GOVERNANCE_RULES,
  formatViolations,
  inputRefsOf,
  toDataProductRef,
  validateDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import { parseSchema } from '@kafka-mesh/plugin-data-mesh-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { SALES_DASHBOARD_GROUP } from '../consumers/salesDashboard';
import { DEMO_CLUSTER, groupIdOf } from '../options';
import { demoProcessors } from '../processors';
import {
  DEMO_CATALOG_FILES,
  loadDemoProducts,
  PRODUCTS_DIR,
} from './demoProducts';
import { PRODUCTS } from './productNames';

const products = loadDemoProducts();
const descriptors = products.map(p => p.descriptor);
/** The parts of the org's catalog entities the checks read. */
type CatalogEntity = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, any>;
};

const catalogEntities: CatalogEntity[] = DEMO_CATALOG_FILES.flatMap(file =>
  parseAllDocuments(fs.readFileSync(file, 'utf8')).map(doc => doc.toJS()),
);
const catalogRefs = new Set(
  catalogEntities.map(
    e => `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
  ),
);
/** The demo's refs are either full (`group:default/x`) or bare names. */
const ref = (target: string, defaultKind: string) =>
  target.includes(':')
    ? target.toLocaleLowerCase('en-US')
    : `${defaultKind.toLocaleLowerCase('en-US')}:default/${target}`;

describe('the demo data products', () => {
  it.each(fs.readdirSync(PRODUCTS_DIR))('%s is a valid DataProduct', file => {
    const result = validateDataProductEntity(
      parse(fs.readFileSync(path.join(PRODUCTS_DIR, file), 'utf8')),
    );
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('look like a company: more than 12 products over at least 5 domains, in all three formats', () => {
    expect(products.length).toBeGreaterThan(12);
    expect(
      new Set(descriptors.map(d => d.spec.domain)).size,
    ).toBeGreaterThanOrEqual(5);
    expect(new Set(descriptors.map(d => d.spec.output.format))).toEqual(
      new Set(['avro', 'json', 'protobuf']),
    );
    expect(new Set(descriptors.map(d => d.spec.sla.tier))).toEqual(
      new Set(['tier-1', 'tier-2', 'tier-3']),
    );
    expect(new Set(descriptors.map(d => d.spec.sla.supportHours))).toEqual(
      new Set(['24x7', 'business-hours']),
    );
    expect(new Set(descriptors.map(d => d.spec.quality))).toEqual(
      new Set(['raw', 'curated', 'authoritative']),
    );
  });

  it('are the products the code refers to, no more and no fewer', () => {
    expect(products.map(p => p.name).sort()).toEqual(
      Object.values(PRODUCTS).sort(),
    );
  });

  it('pass the default governance rules (topic naming included)', () => {
    const violations = descriptors.flatMap(d =>
      checkDescriptorGovernance(d, DEFAULT_GOVERNANCE_RULES),
    );
    expect(formatViolations(violations)).toBe('');
  });

  it.each(products.map(p => [p.name, p.schema] as const))(
    "%s's schema parses in its format",
    (_, schema) => {
      expect(parseSchema(schema.format, schema.text).text).toBe(schema.text);
    },
  );

  it('mark personal data in the products that carry it', () => {
    const withPii = descriptors
      .filter(d => d.spec.piiFields?.length)
      .map(d => d.metadata.name)
      .sort();
    expect(withPii).toEqual(
      [
        PRODUCTS.ordersPlacedV1,
        PRODUCTS.ordersPlaced,
        PRODUCTS.customerProfiles,
        PRODUCTS.euCustomerProfiles,
        PRODUCTS.highValueOrders,
      ].sort(),
    );
  });

  it('deprecate the v1 orders in favour of an active product', () => {
    const deprecated = descriptors.filter(d => d.spec.status === 'deprecated');
    expect(deprecated.map(d => d.metadata.name)).toEqual([
      PRODUCTS.ordersPlacedV1,
    ]);
    const replacement = deprecated[0].spec.deprecation!.replacement!;
    const target = descriptors.find(
      d => toDataProductRef(d.metadata.name) === replacement,
    );
    expect(target?.spec.status ?? 'active').toBe('active');
  });

  it('reference owners, domains and systems of the demo organisation', () => {
    for (const { spec } of descriptors) {
      expect(catalogRefs).toContain(ref(spec.owner, 'Group'));
      expect(catalogRefs).toContain(ref(spec.domain, 'Domain'));
      expect(catalogRefs).toContain(ref(spec.system!, 'System'));
    }
  });

  it('declare as inputs exactly what their stream processors read', () => {
    const byName = new Map(descriptors.map(d => [d.metadata.name, d]));
    const derived = descriptors.filter(d => d.spec.inputs?.length);
    const processors = demoProcessors();
    expect(processors.map(p => p.output).sort()).toEqual(
      derived.map(d => d.metadata.name).sort(),
    );
    for (const processor of processors) {
      expect(inputRefsOf(byName.get(processor.output)!).sort()).toEqual(
        processor.inputs.map(name => toDataProductRef(name)).sort(),
      );
      // …and name the processor's consumer group, for the observed lineage.
      expect(byName.get(processor.output)!.spec.processor).toEqual({
        consumerGroups: [processor.group],
      });
    }
  });

  it('show the weakest-link warning where a product promises more than its inputs', () => {
    const byRef = new Map<string, DataProductEntity>(
      descriptors.map(d => [toDataProductRef(d.metadata.name), d]),
    );
    const warned = descriptors
      .filter(
        d =>
          computeEffectiveSla(toDataProductRef(d.metadata.name), r =>
            byRef.get(r),
          ).warnings.length,
      )
      .map(d => d.metadata.name);
    expect(warned).toEqual([PRODUCTS.highValueOrders]);
  });

  it('rename topics, subjects and processor groups, and nothing else, with a prefix', () => {
    const renamed = loadDemoProducts({ topicPrefix: 'it-1234.' });
    renamed.forEach((p, i) => {
      expect(p.topic).toBe(`it-1234.${products[i].topic}`);
      expect(p.subject).toBe(`${p.topic}-value`);
      expect(p.descriptor.spec.output.topic).toBe(p.topic);
      const groups = products[i].descriptor.spec.processor?.consumerGroups;
      expect(p.descriptor.spec.processor?.consumerGroups).toEqual(
        groups?.map(group => groupIdOf({ topicPrefix: 'it-1234.' }, group)),
      );
      expect({
        ...p.descriptor,
        spec: {
          ...p.descriptor.spec,
          output: products[i].descriptor.spec.output,
          processor: products[i].descriptor.spec.processor,
        },
      }).toEqual(products[i].descriptor);
    });
  });
});

describe('the demo organisation', () => {
  it('has groups with members, including the platform team, and no dangling refs', () => {
    const groups = catalogEntities.filter(e => e.kind === 'Group');
    const users = catalogEntities.filter(e => e.kind === 'User');
    expect(groups.map(g => g.metadata.name)).toContain('platform-team');
    for (const group of groups.filter(g => g.spec?.type === 'team')) {
      expect(
        users.some(u =>
          (u.spec?.memberOf as string[]).includes(group.metadata.name),
        ),
      ).toBe(true);
    }
    const referenced = catalogEntities.flatMap(({ spec }) => [
      ...(spec?.owner ? [ref(spec.owner, 'Group')] : []),
      ...(spec?.domain ? [ref(spec.domain, 'Domain')] : []),
      ...(spec?.parent ? [ref(spec.parent, 'Group')] : []),
      ...(spec?.memberOf ?? []).map((group: string) => ref(group, 'Group')),
    ]);
    expect(referenced.length).toBeGreaterThan(20);
    expect(referenced.filter(r => !catalogRefs.has(r))).toEqual([]);
  });

  it('has a consumer app whose consumer group the demo runtime uses', () => {
    const dashboard = catalogEntities.find(
      e => e.kind === 'Component' && e.metadata.name === 'sales-dashboard',
    );
    expect(dashboard?.metadata.annotations?.[ANNOTATION_CONSUMER_GROUPS]).toBe(
      `${DEMO_CLUSTER}/${SALES_DASHBOARD_GROUP}`,
    );
    expect(new Set(descriptors.map(d => d.spec.output.cluster))).toEqual(
      new Set([DEMO_CLUSTER]),
    );
  });
});
