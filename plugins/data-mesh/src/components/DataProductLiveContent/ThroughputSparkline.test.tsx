import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { makeHealth, throughputRates } from '../../__fixtures__/apiResponses';
import {
  ThroughputSparkline,
  sparklineLabel,
  sparklineScale,
} from './ThroughputSparkline';

describe('ThroughputSparkline', () => {
  const history = makeHealth('2026-01-01T12:00:00.000Z').throughputHistory;

  it('draws the history as an accessible image, a point per minute', async () => {
    await renderInTestApp(<ThroughputSparkline history={history} />);
    const img = screen.getByRole('img', {
      name: 'Throughput over the last 10 minutes: 4, 6, 5, 0, 8, 10, 9.5, 11, 12, 12.5 records/s, oldest first',
    });
    // TrendLine marks each value with a dot.
    expect(img.querySelectorAll('svg circle')).toHaveLength(
      throughputRates.length,
    );
  });

  it('scales to the largest rate', () => {
    expect(sparklineScale(history)).toEqual({
      data: throughputRates,
      max: 12.5,
    });
  });

  it('keeps an idle topic on the baseline', () => {
    const idle = history.map(p => ({ ...p, perSecond: 0 }));
    expect(sparklineScale(idle).max).toBe(1);
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
