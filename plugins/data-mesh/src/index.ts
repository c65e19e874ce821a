/**
 * Frontend for the Kafka data mesh: data product discovery, entity cards and
 * the Schema, Live and Lineage tabs of DataProduct entities.
 *
 * The new frontend system plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  dataMeshPlugin,
  DataMeshPage,
  EntityDataProductOverviewCard,
  EntityDataProductSchemaContent,
  EntityDataProductLiveContent,
  EntityDataProductLineageContent,
  EntityGroupDataProductsCard,
} from './plugin';
export { rootRouteRef as dataMeshRouteRef } from './routes';
export * from './api';
export { isDataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
