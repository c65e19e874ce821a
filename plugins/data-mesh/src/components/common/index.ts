export { DeprecationBanner } from './DeprecationBanner';
export { NotADataProduct } from './NotADataProduct';
export { statusOf, ErrorPanel } from './errors';
export { SlaTable } from './SlaTable';
export { SlaWarningsAlert } from './SlaWarningsAlert';
export { ReadableDuration } from './ReadableDuration';
export { TimeAgo } from './TimeAgo';
