import { TrendLine } from '@backstage/core-components';
import type { QualityCheckPoint } from '@kafka-mesh/plugin-data-mesh-common';
import Box from '@material-ui/core/Box';
import { useTheme } from '@material-ui/core/styles';
import { passRateBuckets } from './passRateBuckets';

/**
 * A rule's pass rate over its recent checks (0..1, oldest first), drawn by
 * core-components' TrendLine: green while the newest bucket fully passes.
 */
export function PassRateChart({
  rule,
  series,
}: {
  rule: string;
  series: QualityCheckPoint[];
}) {
  const theme = useTheme();
  const rates = passRateBuckets(series);
  if (rates.length === 0) return null;
  const last = rates[rates.length - 1];
  const label = `Pass rate of ${rule} over the last ${
    series.length
  } checks: ${rates.map(r => `${Math.round(r * 100)}%`).join(', ')}`;
  // TrendLine's svg takes no ARIA attributes: the box is the image.
  return (
    <Box role="img" aria-label={label} data-testid={`quality-chart-${rule}`}>
      <TrendLine
        data={rates}
        min={0}
        max={1}
        width={240}
        height={40}
        svgWidth={240}
        svgHeight={40}
        color={
          last === 1 ? theme.palette.success.main : theme.palette.error.main
        }
        title={label}
        style={{ display: 'block' }}
      />
    </Box>
  );
}
