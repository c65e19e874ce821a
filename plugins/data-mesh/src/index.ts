/**
 * Frontend for the Kafka data mesh: data product discovery, entity cards,
 * the Schema, Live, Lineage and Access tabs of DataProduct entities, and
 * the scaffolder form fields of the data mesh templates.
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
  EntityDataProductAccessContent,
  EntityGroupDataProductsCard,
  EntityGroupAccessRequestsCard,
  DataMeshSchemaEditorFieldExtension,
  DataMeshInputsPickerFieldExtension,
  DataMeshCandidateStreamPickerFieldExtension,
} from './plugin';
export { rootRouteRef as dataMeshRouteRef } from './routes';
export { DataProductSearchResultListItem } from './components/DataProductSearchResultListItem/extension';
export type { DataProductSearchResultListItemProps } from './components/DataProductSearchResultListItem';
export * from './api';
export {
  DataMeshSchemaEditor,
  DataMeshSchemaEditorFieldSchema,
  DataMeshInputsPicker,
  DataMeshInputsPickerFieldSchema,
  DataMeshCandidateStreamPicker,
  DataMeshCandidateStreamPickerFieldSchema,
} from './scaffolder';
export { isDataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
