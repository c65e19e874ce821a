export { dataMeshApiRef } from './DataMeshApi';
export type { DataMeshApi, DataProductId } from './DataMeshApi';
export { DataMeshClient, MAX_SAMPLES } from './DataMeshClient';
