import { screen } from '@testing-library/react';
import type { ProductQualityResponse } from '@kafka-mesh/plugin-data-mesh-common';
import { mockDataMeshApi, renderWithApis } from '../../__testUtils__';
import { QualitySection } from './QualitySection';

const point = (passed: boolean, i: number) => ({
  checkedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  value: passed ? 0 : 1,
  passed,
  checked: 10,
});

const quality: ProductQualityResponse = {
  since: '2026-01-01T00:00:00.000Z',
  examplesVisible: true,
  conformance: {
    records: 40,
    nonconforming: 2,
    skipped: 0,
    lastRunAt: '2026-01-01T00:03:00.000Z',
  },
  rules: [
    {
      rule: 'order-id-present',
      metric: 'nullValues',
      severity: 'error',
      series: [true, true, false, false].map(point),
      passRate: 0.5,
      lastCheck: point(false, 3),
      failingExamples: [{ orderId: null, email: '••••' }],
    },
  ],
};

describe('QualitySection', () => {
  it('shows each rule with its chart, last check and examples', async () => {
    const dataMeshApi = mockDataMeshApi({
      getQuality: jest.fn(async () => quality),
    });
    await renderWithApis(
      <QualitySection product={{ namespace: 'default', name: 'orders' }} />,
      { dataMeshApi },
    );
    expect(await screen.findByText('order-id-present')).toBeInTheDocument();
    expect(screen.getByText('failing')).toBeInTheDocument();
    expect(screen.getByText(/Pass rate 50% over 4/)).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Pass rate of order-id-present over the last 4 checks: 100%, 100%, 0%, 0%',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/"orderId":null/)).toBeInTheDocument();
    expect(screen.getByTestId('quality-conformance')).toHaveTextContent(
      '38 of 40 records',
    );
  });

  it('says the declared window and when the checks ran as people say durations', async () => {
    const checkedAt = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
    const dataMeshApi = mockDataMeshApi({
      getQuality: jest.fn(async () => ({
        ...quality,
        conformance: { ...quality.conformance, lastRunAt: checkedAt },
        rules: [
          {
            ...quality.rules[0],
            rule: 'unique-order',
            metric: 'duplicateValues' as const,
            lastCheck: { ...point(true, 0), checkedAt },
          },
        ],
      })),
    });
    await renderWithApis(
      <QualitySection
        product={{ namespace: 'default', name: 'orders' }}
        rules={[
          {
            name: 'unique-order',
            metric: 'duplicateValues',
            property: 'orderId',
            arguments: { window: 'PT1H' },
            mustBe: 0,
          },
        ]}
      />,
      { dataMeshApi },
    );
    expect(
      await screen.findByText('duplicateValues · error · per 1 h window'),
    ).toBeInTheDocument();
    // Days: the unit cannot tick over while the test runs.
    expect(screen.getByTestId('quality-rule-unique-order')).toHaveTextContent(
      'Last check 2 days ago: value 0 over 10 records',
    );
    expect(screen.getByTestId('quality-conformance')).toHaveTextContent(
      'Last check 2 days ago.',
    );
  });
});
