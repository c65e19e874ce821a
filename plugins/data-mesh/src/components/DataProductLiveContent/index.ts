export {
  DataProductLiveContent,
  DataProductLive,
  FreshnessStatusChip,
} from './DataProductLiveContent';
