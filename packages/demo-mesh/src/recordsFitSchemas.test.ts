import { recordValidator } from '@kafka-mesh/plugin-data-mesh-node';
import { seededRandom } from './generators/random';
import {
  pageViewsBeforeOutage,
  RetailSimulation,
} from './generators/simulation';
import { createCustomers } from './generators/world';
import { loadDemoProducts } from './mesh/demoProducts';
import type { DemoRecord } from './mesh/productNames';
import { demoProcessors } from './processors';

// Every record the demo writes must fit its product's schema, or the
// registry client refuses to encode it; checked here without a broker.

const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const validators = new Map(
  loadDemoProducts().map(p => [
    p.name,
    recordValidator(p.schema.format, p.schema.text),
  ]),
);

function misfits(records: DemoRecord[]): string[] {
  return records.flatMap(record => {
    const problem = validators.get(record.product)!(record.value);
    return problem
      ? [`${record.product} ${JSON.stringify(record.value)}: ${problem}`]
      : [];
  });
}

describe('the records of the demo', () => {
  const customers = createCustomers();
  const simulation = new RetailSimulation(seededRandom(3), customers, START);
  const generated = [
    ...simulation.snapshot(START),
    ...pageViewsBeforeOutage(seededRandom(3), customers, START),
    ...Array.from({ length: 900 }, (_, i) =>
      simulation.tick(START + (i + 1) * 1000),
    ).flat(),
  ];

  it('of the generators fit their schemas', () => {
    expect(generated.length).toBeGreaterThan(1000);
    expect(misfits(generated)).toEqual([]);
  });

  it('of the stream processors fit their schemas', () => {
    const outputs: DemoRecord[] = [];
    const processors = demoProcessors();
    for (const record of generated) {
      for (const processor of processors) {
        if (processor.inputs.includes(record.product)) {
          outputs.push(
            ...processor.onRecord(
              record.product,
              record.value,
              record.timestamp,
            ),
          );
        }
      }
    }
    const end = START + 901_000 + 10 * 60_000;
    for (const processor of processors) {
      outputs.push(...(processor.onTick?.(end) ?? []));
    }
    expect(new Set(outputs.map(r => r.product))).toEqual(
      new Set(processors.map(p => p.output)),
    );
    expect(misfits(outputs)).toEqual([]);
  });
});
