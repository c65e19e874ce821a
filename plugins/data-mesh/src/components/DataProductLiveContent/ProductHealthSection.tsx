import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type { DataProductId } from '../../api';
import { ErrorPanel } from '../common';
import { FreshnessThroughputCard } from './FreshnessThroughputCard';
import { PartitionsTable } from './PartitionsTable';
import { useProductHealth } from './useProductHealth';

/** The topic's health: freshness and throughput, then its partitions. */
export function ProductHealthSection({ product }: { product: DataProductId }) {
  const { value, loading, error, retry } = useProductHealth(product);
  // Keep showing the last figures while a refresh is under way.
  if (loading && !value) return <Progress />;
  if (error) {
    return (
      <ErrorPanel error={error} title="Could not read the topic's health" />
    );
  }
  if (!value) return null;
  return (
    <>
      <FreshnessThroughputCard health={value} onRefresh={retry} />
      <Box mt={3}>
        <PartitionsTable
          partitions={value.partitions}
          observedAt={value.observedAt}
        />
      </Box>
    </>
  );
}
