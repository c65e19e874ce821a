import { useEntity } from '@backstage/plugin-catalog-react';
import { isDataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { NotADataProduct } from '../common';
import { DataProductSchema } from './DataProductSchema';

/** Entity content tab "Schema" for DataProduct entities. */
export function DataProductSchemaContent() {
  const { entity } = useEntity();
  if (!isDataProductEntity(entity)) return <NotADataProduct />;
  return <DataProductSchema entity={entity} />;
}
