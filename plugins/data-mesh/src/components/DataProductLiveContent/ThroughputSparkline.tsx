import { TrendLine } from '@backstage/core-components';
import type { ThroughputPoint } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import { useTheme } from '@material-ui/core/styles';

const WIDTH = 120;
const HEIGHT = 28;

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

/**
 * The rates to draw and the top of the scale: the largest rate, so the
 * shape shows the variation; an idle topic gets a scale of 1 so its line
 * lies on the baseline rather than in the middle.
 */
export function sparklineScale(history: ThroughputPoint[]): {
  data: number[];
  max: number;
} {
  const data = history.map(p => Math.max(0, p.perSecond));
  const peak = Math.max(0, ...data);
  return { data, max: peak > 0 ? peak : 1 };
}

/**
 * A small inline line chart of the throughput history (records per second
 * per one-minute window, oldest first), drawn by core-components'
 * TrendLine. Renders nothing without history.
 */
export function ThroughputSparkline({
  history,
}: {
  history: ThroughputPoint[] | undefined;
}) {
  const theme = useTheme();
  if (!history || history.length === 0) return null;
  const { data, max } = sparklineScale(history);
  const label = sparklineLabel(history);
  // TrendLine's svg takes no ARIA attributes: the box is the image.
  return (
    <Box role="img" aria-label={label} data-testid="throughput-sparkline">
      <TrendLine
        data={data}
        min={0}
        max={max}
        width={WIDTH}
        height={HEIGHT}
        svgWidth={WIDTH}
        svgHeight={HEIGHT}
        color={theme.palette.primary.main}
        title={label}
        style={{ display: 'block' }}
      />
    </Box>
  );
}
