export { dataMeshApiRef } from './DataMeshApi';
export type {
  AccessDecisionAction,
  AccessRequestsQuery,
  DataMeshApi,
  DataProductId,
} from './DataMeshApi';
export { DataMeshClient, MAX_SAMPLES } from './DataMeshClient';
