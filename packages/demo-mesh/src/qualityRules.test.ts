import {
  evaluateQualityRules,
  QualityRecord,
} from '@kafka-mesh/plugin-data-mesh-common';
import { seededRandom } from './generators/random';
import {
  pageViewsBeforeOutage,
  RetailSimulation,
} from './generators/simulation';
import { createCustomers } from './generators/world';
import { loadDemoProducts } from './mesh/demoProducts';
import type { DemoRecord } from './mesh/productNames';
import { demoProcessors } from './processors';

// Every product of the demo declares quality rules, and the demo's own
// records keep them: a failing rule on the live demo must mean a real
// problem (or page-views' pause, which its freshness rule is there to show).

const START = Date.UTC(2026, 0, 5, 9, 0, 0);

function demoRecords(): DemoRecord[] {
  const customers = createCustomers();
  const simulation = new RetailSimulation(seededRandom(7), customers, START);
  const generated = [
    ...simulation.snapshot(START),
    ...pageViewsBeforeOutage(seededRandom(7), customers, START),
    ...Array.from({ length: 900 }, (_, i) =>
      simulation.tick(START + (i + 1) * 1000),
    ).flat(),
  ];
  const outputs: DemoRecord[] = [];
  const processors = demoProcessors();
  for (const record of generated) {
    for (const processor of processors) {
      if (processor.inputs.includes(record.product)) {
        outputs.push(
          ...processor.onRecord(record.product, record.value, record.timestamp),
        );
      }
    }
  }
  const end = START + 901_000 + 10 * 60_000;
  for (const processor of processors) {
    outputs.push(...(processor.onTick?.(end) ?? []));
  }
  return [...generated, ...outputs];
}

describe('the quality rules of the demo products', () => {
  const products = loadDemoProducts();
  const byProduct = new Map<string, QualityRecord[]>();
  for (const { product, value, timestamp } of demoRecords()) {
    const records = byProduct.get(product) ?? [];
    records.push({ value, timestamp });
    byProduct.set(product, records);
  }

  it.each(products.map(p => [p.name, p] as const))(
    '%s declares rules that its records keep',
    (name, product) => {
      const rules = product.descriptor.spec.qualityRules ?? [];
      expect(rules.length).toBeGreaterThan(0);
      const records = byProduct.get(name) ?? [];
      expect(records.length).toBeGreaterThan(0);
      const now = Math.max(...records.map(r => r.timestamp));
      const failed = evaluateQualityRules(
        rules.filter(rule => rule.metric !== 'freshness'),
        records,
        { now },
      ).filter(result => !result.passed);
      expect(failed).toEqual([]);
    },
  );

  it('lets page-views fail its freshness rule once the collector pauses', () => {
    const pageViews = products.find(p => p.name === 'page-views')!;
    const records = byProduct.get('page-views')!;
    const newest = Math.max(...records.map(r => r.timestamp));
    const [result] = evaluateQualityRules(
      (pageViews.descriptor.spec.qualityRules ?? []).filter(
        rule => rule.metric === 'freshness',
      ),
      records,
      { now: newest + 60 * 60_000 },
    );
    expect(result).toMatchObject({ rule: 'fresh', passed: false });
  });
});
