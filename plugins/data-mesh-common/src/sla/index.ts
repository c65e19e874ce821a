export {
  ISO_DURATION_PATTERN,
  parseIsoDuration,
  formatIsoDuration,
} from './isoDuration';
export { readableDuration, readableIsoDuration } from './readableDuration';
export {
  compareTiers,
  compareSupportHours,
  compareAvailability,
  compareFreshness,
} from './ordering';
export {
  computeEffectiveSla,
  createEffectiveSlaCalculator,
} from './computeEffectiveSla';
export type {
  DataProductLookup,
  EffectiveSla,
  EffectiveSlaField,
  EffectiveSlaResult,
} from './computeEffectiveSla';
