import { screen } from '@testing-library/react';
import type { ProductQualityResponse } from '@kafka-mesh/plugin-data-mesh-common';
import { mockDataMeshApi, renderWithApis } from '../../__testUtils__';
import { passRateBuckets, QualitySection } from './QualitySection';

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
  it('buckets pass rates', () => {
    expect(passRateBuckets([])).toEqual([]);
    expect(passRateBuckets([true, false].map(point))).toEqual([1, 0]);
    const many = Array.from({ length: 48 }, (_, i) => point(i % 2 === 0, i));
    expect(passRateBuckets(many)).toEqual(Array(24).fill(0.5));
  });

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
});
