import { DEFAULT_GOVERNANCE_RULES } from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import { compatibilityOf, topicSettingsOf } from './topicSettings';

describe('topicSettingsOf', () => {
  it('keeps records for the SLA retention', () => {
    const product = makeDataProduct('orders', 'checkout.orders.v1');
    product.spec.sla.retention = 'P14D';
    expect(topicSettingsOf(product)).toEqual({
      numPartitions: DEFAULT_GOVERNANCE_RULES.partitions.default,
      configEntries: [
        { name: 'cleanup.policy', value: 'delete' },
        { name: 'retention.ms', value: String(14 * 24 * 3600 * 1000) },
      ],
    });
  });

  it("falls back to the tier's default retention", () => {
    const product = makeDataProduct('views', 'analytics.views.v1', {
      sla: {
        tier: 'tier-3',
        availability: 99,
        freshness: 'PT1H',
        supportHours: 'business-hours',
        onCall: 'mailto:a@example.com',
      },
    });
    expect(topicSettingsOf(product).configEntries).toContainEqual({
      name: 'retention.ms',
      value: String(3 * 24 * 3600 * 1000),
    });
  });

  it('compacts changelog products', () => {
    const product = makeDataProduct('profiles', 'customers.profiles.v1');
    product.metadata.tags = ['customers', 'changelog'];
    expect(topicSettingsOf(product).configEntries).toEqual([
      { name: 'cleanup.policy', value: 'compact' },
    ]);
  });
});

describe('compatibilityOf', () => {
  it("is the tier's governance minimum, BACKWARD where there is none", () => {
    const product = makeDataProduct('a', 'd.a.v1');
    product.spec.sla.tier = 'tier-1';
    expect(compatibilityOf(product)).toBe('BACKWARD_TRANSITIVE');
    product.spec.sla.tier = 'tier-3';
    expect(compatibilityOf(product)).toBe('BACKWARD');
  });
});
