import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { MonitoredProduct } from './ContractMonitor';
import { QualityNotifier } from './QualityNotifier';
import type { StoredResult } from './QualityStore';

const product: MonitoredProduct = {
  ref: 'dataproduct:default/sessions',
  owner: 'group:default/web-team',
  cluster: 'local',
  topic: 'web.sessions.v1',
  rules: [],
  piiFields: [],
  subject: 'web.sessions.v1-value',
};

const stale: StoredResult = {
  rule: 'fresh',
  metric: 'freshness',
  severity: 'warning',
  value: 7200,
  passed: false,
  checked: 0,
};
const nullIds: StoredResult = {
  rule: 'id-present',
  metric: 'nullValues',
  severity: 'warning',
  value: 2,
  passed: false,
  checked: 10,
};

function notifier(rootCauseOf?: QualityNotifier['options']['rootCauseOf']) {
  const send = jest.fn(async () => {});
  const logger = mockServices.logger.mock();
  const quality = new QualityNotifier({
    notifications: { send } as unknown as NotificationService,
    catalog: catalogServiceMock({ entities: [] }),
    auth: mockServices.auth(),
    logger,
    rootCauseOf,
  });
  const descriptions = () =>
    send.mock.calls.map(
      ([options]: any[]) => options.payload.description as string,
    );
  return { quality, send, logger, descriptions };
}

describe('QualityNotifier', () => {
  it("adds a failing freshness rule's root cause to the notice", async () => {
    const rootCauseOf = jest.fn(async () => ({
      product: 'dataproduct:default/clicks',
      reason: 'upstream-breached' as const,
      detail: 'dataproduct:default/clicks is itself stale',
      path: ['dataproduct:default/sessions', 'dataproduct:default/clicks'],
    }));
    const { quality, descriptions } = notifier(rootCauseOf);
    await quality.notify({ product, failing: [stale] });
    expect(rootCauseOf).toHaveBeenCalledWith(product.ref);
    expect(descriptions()[0]).toContain(
      'Root cause: dataproduct:default/clicks is itself stale.',
    );
  });

  it('sends the notice without a cause when the walk fails (Kafka away)', async () => {
    const { quality, send, logger, descriptions } = notifier(async () => {
      throw new Error('Kafka is not reachable');
    });
    await quality.notify({ product, failing: [stale] });
    expect(send).toHaveBeenCalledTimes(1);
    expect(descriptions()[0]).not.toContain('Root cause');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`Could not walk the inputs of ${product.ref}`),
    );
  });

  it('walks nothing for rules other than freshness', async () => {
    const rootCauseOf = jest.fn(async () => undefined);
    const { quality, descriptions } = notifier(rootCauseOf);
    await quality.notify({ product, failing: [nullIds] });
    expect(rootCauseOf).not.toHaveBeenCalled();
    expect(descriptions()[0]).toContain('Failing now: id-present');
  });
});
