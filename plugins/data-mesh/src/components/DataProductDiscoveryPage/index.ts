export {
  DataProductDiscoveryPage,
  DataProductDiscoveryContent,
  PublishEmptyState,
} from './DataProductDiscoveryPage';
