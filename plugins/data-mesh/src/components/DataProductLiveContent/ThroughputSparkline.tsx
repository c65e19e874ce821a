import type { ThroughputPoint } from '@kafka-mesh/plugin-data-mesh-common';
import { useTheme } from '@material-ui/core/styles';

const WIDTH = 120;
const HEIGHT = 28;
const PAD = 3;

function formatRate(perSecond: number): string {
  return perSecond.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** What the sparkline shows, for assistive technology. */
export function sparklineLabel(history: ThroughputPoint[]): string {
  const minutes = history.length === 1 ? 'minute' : `${history.length} minutes`;
  return `Throughput over the last ${minutes}: ${history
    .map(p => formatRate(p.perSecond))
    .join(', ')} records/s, oldest first`;
}

/** The SVG coordinates of the points, scaled to the largest rate. */
export function sparklinePoints(
  history: ThroughputPoint[],
): Array<[x: number, y: number]> {
  const max = Math.max(0, ...history.map(p => p.perSecond));
  const step =
    history.length > 1 ? (WIDTH - 2 * PAD) / (history.length - 1) : 0;
  return history.map((p, i) => {
    const ratio = max > 0 ? Math.max(0, p.perSecond) / max : 0;
    const x = history.length > 1 ? PAD + i * step : WIDTH / 2;
    const y = HEIGHT - PAD - ratio * (HEIGHT - 2 * PAD);
    return [Number(x.toFixed(2)), Number(y.toFixed(2))];
  });
}

/**
 * A small inline line chart of the throughput history (records per second
 * per one-minute window, oldest first). Renders nothing without history.
 */
export function ThroughputSparkline({
  history,
}: {
  history: ThroughputPoint[] | undefined;
}) {
  const theme = useTheme();
  if (!history || history.length === 0) return null;
  const points = sparklinePoints(history);
  const [lastX, lastY] = points[points.length - 1];
  const color = theme.palette.primary.main;
  return (
    <svg
      role="img"
      aria-label={sparklineLabel(history)}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      style={{ display: 'block', overflow: 'visible' }}
      data-testid="throughput-sparkline"
    >
      <line
        x1={PAD}
        x2={WIDTH - PAD}
        y1={HEIGHT - PAD}
        y2={HEIGHT - PAD}
        stroke={theme.palette.divider}
        strokeWidth={1}
      />
      {points.length > 1 && (
        <polyline
          points={points.map(([x, y]) => `${x},${y}`).join(' ')}
          fill="none"
          stroke={color}
          strokeWidth={1.5}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      )}
      <circle cx={lastX} cy={lastY} r={2.5} fill={color} />
    </svg>
  );
}
