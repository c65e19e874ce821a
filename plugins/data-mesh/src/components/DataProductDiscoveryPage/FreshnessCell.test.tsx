import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { ProductFreshness } from '@kafka-mesh/plugin-data-mesh-common';
import { FreshnessCell, FreshnessFacts, liveAgeText } from './FreshnessCell';

const live = (
  status: ProductFreshness['status'],
  ageMs?: number,
): ProductFreshness => ({
  status,
  ...(ageMs !== undefined && {
    ageMs,
    newestRecordAt: '2026-01-01T12:00:00.000Z',
  }),
  slaFreshness: 'PT1H',
});

describe('liveAgeText', () => {
  it.each([
    [live('ok', 12_000), '12 s ago'],
    [live('at-risk', 50 * 60_000), 'at risk: 50 min ago'],
    [live('breached', 3 * 3_600_000), 'breached: 3 h ago'],
    [live('unknown'), 'no records'],
  ])('says %j as %s', (freshness, text) => {
    expect(liveAgeText(freshness)).toBe(text);
  });
});

describe('FreshnessCell', () => {
  const row = (facts: Partial<FreshnessFacts>): FreshnessFacts => ({
    freshness: 'PT1H',
    topicStatus: 'ok',
    ...facts,
  });

  it('shows the live state, with when the newest record was written', async () => {
    const { container } = await renderInTestApp(
      <FreshnessCell row={row({ live: live('breached', 7_200_000) })} />,
    );
    expect(container).toHaveTextContent('breached: 2 h ago · SLA 1 h');
    expect(
      screen.getByText(/breached: 2 h ago/).closest('[title]'),
    ).toHaveAttribute(
      'title',
      'Newest record written at 2026-01-01T12:00:00.000Z',
    );
    // the promise as people say it, the contract's value alongside
    expect(screen.getByLabelText('1 h (PT1H)')).toBeInTheDocument();
  });

  it('shows the promise alone while the live state is not known', async () => {
    const { container } = await renderInTestApp(
      <FreshnessCell row={row({})} />,
    );
    expect(container).toHaveTextContent(/^SLA 1 h$/);
    expect(screen.getByLabelText('1 h (PT1H)')).toBeInTheDocument();
  });

  it('says the topic is missing when the catalog saw it missing and Kafka has no record', async () => {
    const { container } = await renderInTestApp(
      <FreshnessCell
        row={row({ topicStatus: 'missing', live: live('unknown') })}
      />,
    );
    expect(container).toHaveTextContent('Topic missing · SLA 1 h');
  });
});
