import { Entity, entityKindSchemaValidator } from '@backstage/catalog-model';
import { fullDataProduct } from '../__fixtures__/dataProducts';
import { dataProductEntitySchema } from './dataProductEntitySchema';

describe('dataProductEntitySchema', () => {
  const validator = entityKindSchemaValidator(dataProductEntitySchema);

  it('is accepted by catalog-model and accepts a valid entity', () => {
    expect(validator(fullDataProduct)).toBe(fullDataProduct);
  });

  it('accepts its own example', () => {
    const [example] = dataProductEntitySchema.examples;
    expect(validator(example)).toBe(example);
  });

  it('declines entities of other kinds, so the catalog tries other validators', () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout' },
      spec: { type: 'service', owner: 'team', lifecycle: 'production' },
    };
    expect(validator(component)).toBe(false);
  });

  it('rejects a DataProduct that breaks the contract', () => {
    const broken = structuredClone(fullDataProduct) as any;
    broken.spec.sla.freshness = 'P1M';
    expect(() => validator(broken)).toThrow(
      '/spec/sla/freshness must match pattern',
    );
  });

  it('applies catalog-model’s envelope rules too', () => {
    const broken = structuredClone(fullDataProduct) as any;
    broken.metadata.title = 42;
    expect(() => validator(broken)).toThrow('/metadata/title must be string');
  });
});
