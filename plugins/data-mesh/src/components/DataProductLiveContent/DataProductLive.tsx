import { useMemo } from 'react';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import Grid from '@material-ui/core/Grid';
import { productIdOf } from '../../lib';
import { ConsumerGroupsSection } from './ConsumerGroupsSection';
import { ProductHealthSection } from './ProductHealthSection';
import { QualitySection } from './QualitySection';
import { SampleMessagesCard } from './SampleMessagesCard';

/** Live facts about a product's topic: freshness, partitions, consumers, samples. */
export function DataProductLive({ entity }: { entity: DataProductEntity }) {
  const namespace = entity.metadata.namespace;
  const name = entity.metadata.name;
  // Stable identity so the sections do not refetch on every render.
  const product = useMemo(
    () => productIdOf({ metadata: { namespace, name } } as DataProductEntity),
    [namespace, name],
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ProductHealthSection product={product} />
      </Grid>
      <Grid item xs={12}>
        <ConsumerGroupsSection product={product} />
      </Grid>
      <Grid item xs={12}>
        <QualitySection product={product} rules={entity.spec.qualityRules} />
      </Grid>
      <Grid item xs={12}>
        <SampleMessagesCard product={product} />
      </Grid>
    </Grid>
  );
}
