import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { ProductFreshness } from '@kafka-mesh/plugin-data-mesh-common';
import {
  compareFreshness,
  FreshnessCell,
  FreshnessFacts,
  liveFreshnessText,
} from './FreshnessCell';

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

describe('liveFreshnessText', () => {
  it.each([
    [live('ok', 12_000), '12s ago · SLA PT1H'],
    [live('at-risk', 50 * 60_000), 'at risk: 50m ago · SLA PT1H'],
    [live('breached', 3 * 3_600_000), 'breached: 3h ago · SLA PT1H'],
    [live('unknown'), 'no records · SLA PT1H'],
  ])('says %j as %s', (freshness, text) => {
    expect(liveFreshnessText(freshness)).toBe(text);
  });
});

describe('FreshnessCell', () => {
  const row = (facts: Partial<FreshnessFacts>): FreshnessFacts => ({
    freshness: 'PT1H',
    topicStatus: 'ok',
    ...facts,
  });

  it('shows the live state, with when the newest record was written', async () => {
    await renderInTestApp(
      <FreshnessCell row={row({ live: live('breached', 7_200_000) })} />,
    );
    const text = screen.getByText('breached: 2h ago · SLA PT1H');
    expect(text.closest('[title]')).toHaveAttribute(
      'title',
      'Newest record written at 2026-01-01T12:00:00.000Z',
    );
  });

  it('shows the promise alone while the live state is not known', async () => {
    await renderInTestApp(<FreshnessCell row={row({})} />);
    expect(screen.getByText('SLA PT1H')).toBeInTheDocument();
  });

  it('says the topic is missing when the catalog saw it missing and Kafka has no record', async () => {
    await renderInTestApp(
      <FreshnessCell
        row={row({ topicStatus: 'missing', live: live('unknown') })}
      />,
    );
    expect(screen.getByText('Topic missing · SLA PT1H')).toBeInTheDocument();
  });
});

describe('compareFreshness', () => {
  it('orders by live state, then by age, rows without a live state last', () => {
    const rows: Array<FreshnessFacts & { name: string }> = [
      { name: 'no live', freshness: 'PT5M', topicStatus: 'ok' },
      {
        name: 'unknown',
        freshness: 'PT5M',
        topicStatus: 'ok',
        live: live('unknown'),
      },
      {
        name: 'old ok',
        freshness: 'PT5M',
        topicStatus: 'ok',
        live: live('ok', 60_000),
      },
      {
        name: 'breached',
        freshness: 'PT5M',
        topicStatus: 'ok',
        live: live('breached', 1),
      },
      {
        name: 'young ok',
        freshness: 'PT5M',
        topicStatus: 'ok',
        live: live('ok', 1_000),
      },
      {
        name: 'at risk',
        freshness: 'PT5M',
        topicStatus: 'ok',
        live: live('at-risk', 5),
      },
    ];
    expect([...rows].sort(compareFreshness).map(r => r.name)).toEqual([
      'young ok',
      'old ok',
      'at risk',
      'breached',
      'unknown',
      'no live',
    ]);
  });
});
