import { useEntity } from '@backstage/plugin-catalog-react';
import { isDataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { NotADataProduct } from '../common';
import { DataProductLive } from './DataProductLive';

/** Entity content tab "Live" for DataProduct entities. */
export function DataProductLiveContent() {
  const { entity } = useEntity();
  if (!isDataProductEntity(entity)) return <NotADataProduct />;
  return <DataProductLive entity={entity} />;
}
