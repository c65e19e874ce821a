import { Progress } from '@backstage/core-components';
import type { DataProductId } from '../../api';
import { ErrorPanel } from '../common';
import { ConsumerGroupsTable } from './ConsumerGroupsTable';
import { StaleNotice } from './StaleNotice';
import { useProductConsumers } from './useProductConsumers';

/** The consumer groups of the topic and their lag, loaded live. */
export function ConsumerGroupsSection({ product }: { product: DataProductId }) {
  const { value, loading, error, retry } = useProductConsumers(product);
  if (loading && !value) return <Progress />;
  if (error) {
    return (
      <ErrorPanel error={error} title="Could not read the consumer groups" />
    );
  }
  if (!value) return null;
  return (
    <>
      <StaleNotice observedAt={value.observedAt} />
      <ConsumerGroupsTable groups={value.groups} onRefresh={retry} />
    </>
  );
}
