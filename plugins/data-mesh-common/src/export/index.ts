export { toOdps, toOdpsYaml, fromOdps } from './odps';
export type { OdpsDataProduct, OdpsCustomProperty } from './odps';
export { toSlaProperties, fromSlaProperties } from './slaProperties';
export type { OdcsSlaProperty } from './slaProperties';
