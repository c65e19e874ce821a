import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import type { LoadedDescriptor } from './loadDescriptors';
import { planPublish } from './publishWaves';

const loaded = (name: string, inputs: string[] = []): LoadedDescriptor => ({
  id: `default/${name}`,
  entity: makeDataProduct(name, `commerce.${name}.v1`, { inputs }),
  file: 'products.yaml',
  document: 1,
});

const idsOf = (waves: LoadedDescriptor[][]) =>
  waves.map(wave => wave.map(d => d.id));

describe('planPublish', () => {
  it('keeps independent descriptors in one wave, in file order', () => {
    const plan = planPublish([loaded('b'), loaded('a', ['orders-elsewhere'])]);
    expect(idsOf(plan.waves)).toEqual([['default/b', 'default/a']]);
    expect(plan.problems).toEqual([]);
  });

  it('puts a product after the products of the run it reads, however they are named', () => {
    const plan = planPublish([
      loaded('enriched', ['dataproduct:default/clean']),
      loaded('clean', ['raw']),
      loaded('raw'),
      loaded('other'),
    ]);
    expect(idsOf(plan.waves)).toEqual([
      ['default/raw', 'default/other'],
      ['default/clean'],
      ['default/enriched'],
    ]);
    expect(plan.waves[2][0].readsFromRun).toEqual(['default/clean']);
  });

  it('names the descriptors that read each other', () => {
    const plan = planPublish([
      loaded('a', ['b']),
      loaded('b', ['a']),
      loaded('c'),
    ]);
    expect(idsOf(plan.waves)).toEqual([['default/c']]);
    expect(plan.problems).toEqual([
      'products.yaml: a: reads default/b of this run, and these products read each other; none of them can be published first',
      'products.yaml: b: reads default/a of this run, and these products read each other; none of them can be published first',
    ]);
  });
});
