import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { makeHealth, throughputRates } from '../../__fixtures__/apiResponses';
import {
  ThroughputSparkline,
  sparklineLabel,
  sparklinePoints,
} from './ThroughputSparkline';

describe('ThroughputSparkline', () => {
  const history = makeHealth('2026-01-01T12:00:00.000Z').throughputHistory;

  it('draws the history as an accessible image', async () => {
    await renderInTestApp(<ThroughputSparkline history={history} />);
    const img = screen.getByRole('img', {
      name: 'Throughput over the last 10 minutes: 4, 6, 5, 0, 8, 10, 9.5, 11, 12, 12.5 records/s, oldest first',
    });
    const line = img.querySelector('polyline')!;
    expect(line.getAttribute('points')!.split(' ')).toHaveLength(
      throughputRates.length,
    );
  });

  it('scales to the largest rate: the peak on top, zero on the baseline', () => {
    const points = sparklinePoints(history);
    const ys = points.map(([, y]) => y);
    // 12.5 (the last) is the largest, 0 (the fourth) the smallest
    expect(Math.min(...ys)).toBe(ys[9]);
    expect(Math.max(...ys)).toBe(ys[3]);
    const xs = points.map(([x]) => x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('keeps an idle topic on the baseline', () => {
    const idle = history.map(p => ({ ...p, perSecond: 0 }));
    const ys = new Set(sparklinePoints(idle).map(([, y]) => y));
    expect(ys.size).toBe(1);
    expect(sparklineLabel(idle)).toBe(
      'Throughput over the last 10 minutes: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 records/s, oldest first',
    );
  });

  it('renders nothing without history', async () => {
    await renderInTestApp(
      <div data-testid="host">
        <ThroughputSparkline history={[]} />
      </div>,
    );
    expect(screen.getByTestId('host')).toBeEmptyDOMElement();
  });
});
