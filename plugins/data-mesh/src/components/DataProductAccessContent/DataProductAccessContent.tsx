import { useEntity } from '@backstage/plugin-catalog-react';
import { isDataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { NotADataProduct } from '../common';
import { DataProductAccess } from './DataProductAccess';

/** Entity content tab "Access" for DataProduct entities. */
export function DataProductAccessContent() {
  const { entity } = useEntity();
  if (!isDataProductEntity(entity)) return <NotADataProduct />;
  return <DataProductAccess entity={entity} />;
}
