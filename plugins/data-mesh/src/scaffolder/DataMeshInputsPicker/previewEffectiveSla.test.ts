import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { declaredSlaOf, previewEffectiveSla } from './previewEffectiveSla';

// makeDataProduct promises tier-2, 99.5%, PT5M, business hours.
const orders = makeDataProduct('orders', 'orders.v1');
const raw = makeDataProduct('raw-clicks', 'clicks.v1', {
  sla: { ...orders.spec.sla, availability: 95 },
});
const clicks = makeDataProduct('clicks', 'clicks.v2', {
  inputs: ['dataproduct:default/raw-clicks'],
  sla: { ...orders.spec.sla, tier: 'tier-1' },
});
const products = [orders, raw, clicks];

const strong = {
  tier: 'tier-1',
  availability: 99.9,
  freshness: 'PT1M',
  supportHours: '24x7',
  onCall: 'https://oncall.example.com',
};

describe('previewEffectiveSla', () => {
  it('warns for every declared field the chosen input cannot back, naming it', () => {
    const preview = previewEffectiveSla(
      products,
      ['dataproduct:default/orders'],
      strong,
    );
    expect(preview.complete).toBe(true);
    expect(preview.effective).toEqual({
      tier: 'tier-2',
      availability: 99.5,
      freshness: 'PT5M',
      supportHours: 'business-hours',
    });
    expect(preview.limitedBy).toEqual({
      tier: 'dataproduct:default/orders',
      availability: 'dataproduct:default/orders',
      freshness: 'dataproduct:default/orders',
      supportHours: 'dataproduct:default/orders',
    });
    expect(preview.warnings).toEqual([
      'declared tier tier-1 is better than tier-2 from dataproduct:default/orders',
      'declared availability 99.9% is better than 99.5% from dataproduct:default/orders',
      'declared freshness PT1M is better than PT5M from dataproduct:default/orders',
      'declared supportHours 24x7 is better than business-hours from dataproduct:default/orders',
    ]);
  });

  it('counts limits from further upstream of an input', () => {
    const preview = previewEffectiveSla(
      products,
      ['dataproduct:default/clicks'],
      { ...strong, tier: 'tier-2', availability: 99 },
    );
    expect(preview.effective.availability).toBe(95);
    expect(preview.limitedBy.availability).toBe(
      'dataproduct:default/raw-clicks',
    );
    expect(preview.effective.tier).toBe('tier-2');
    expect(preview.limitedBy.tier).toBeUndefined();
  });

  it('keeps the declared SLA when there is no input', () => {
    const preview = previewEffectiveSla(products, [], strong);
    expect(preview.effective).toEqual({
      tier: 'tier-1',
      availability: 99.9,
      freshness: 'PT1M',
      supportHours: '24x7',
    });
    expect(preview.warnings).toEqual([]);
    expect(preview.limitedBy).toEqual({});
  });

  it('shows what the inputs allow while the SLA is incomplete, without warnings', () => {
    const preview = previewEffectiveSla(
      products,
      ['dataproduct:default/orders'],
      { tier: 'tier-1', freshness: 'not a duration' },
    );
    expect(preview.complete).toBe(false);
    expect(preview.declared).toEqual({ tier: 'tier-1' });
    expect(preview.effective).toEqual({
      tier: 'tier-2',
      availability: 99.5,
      freshness: 'PT5M',
      supportHours: 'business-hours',
    });
    expect(preview.warnings).toEqual([]);
  });

  it('reports inputs the catalog does not hold', () => {
    const preview = previewEffectiveSla(
      products,
      ['dataproduct:default/orders', 'dataproduct:default/gone'],
      strong,
    );
    expect(preview.missingInputs).toEqual(['dataproduct:default/gone']);
    expect(preview.limitedBy.tier).toBe('dataproduct:default/orders');
  });
});

describe('declaredSlaOf', () => {
  it('keeps only valid weakest-link fields', () => {
    expect(declaredSlaOf(strong)).toEqual({
      tier: 'tier-1',
      availability: 99.9,
      freshness: 'PT1M',
      supportHours: '24x7',
    });
    expect(
      declaredSlaOf({
        tier: 'gold',
        availability: 120,
        freshness: 'P1M',
        supportHours: 'weekends',
      }),
    ).toEqual({});
    expect(declaredSlaOf(undefined)).toEqual({});
  });
});
