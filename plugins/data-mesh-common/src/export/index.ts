export { toOdps, toOdpsYaml, ODPS_VERSIONS } from './odps';
export type { OdpsDataProduct, OdpsVersion, ToOdpsOptions } from './odps';
export { toOdcs, toOdcsContracts, toOdcsYaml } from './odcs';
export type {
  OdcsClusterInfo,
  OdcsDataContract,
  OdcsSchemaObject,
  ToOdcsOptions,
} from './odcs';
export { translateRegistrySchema } from './odcsSchema';
export type {
  OdcsLogicalType,
  OdcsQualityCheck,
  OdcsSchemaProperty,
  ProtoFieldShape,
  ProtoMessageShape,
  RegistrySchema,
  TranslatedSchema,
} from './odcsSchema';
export { fromOdps } from './fromOdps';
export type {
  OdpsCustomProperty,
  OpenStandardTeam,
  OpenStandardTeamMember,
  OwnerDetails,
} from './shared';
export { toSlaProperties, fromSlaProperties } from './slaProperties';
export type { OdcsSlaProperty } from './slaProperties';
