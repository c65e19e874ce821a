export { DataProductDiscoveryPage } from './DataProductDiscoveryPage';
export { DataProductDiscoveryContent } from './DataProductDiscoveryContent';
export { PublishEmptyState } from './PublishEmptyState';
