export { DataProductAccessContent } from './DataProductAccessContent';
export { DataProductAccess } from './DataProductAccess';
export { RequestAccessDialog } from './RequestAccessDialog';
export { AccessDecisionActions } from './AccessDecisionActions';
export { RequesterLink } from './RequesterLink';
export { errorMessage, formatTime, durationLabel } from './accessFormat';
