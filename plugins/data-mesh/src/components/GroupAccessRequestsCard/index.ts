export { GroupAccessRequestsCard } from './GroupAccessRequestsCard';
export { GroupAccessRequests } from './GroupAccessRequests';
