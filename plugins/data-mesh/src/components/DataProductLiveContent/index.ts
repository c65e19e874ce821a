export { DataProductLiveContent } from './DataProductLiveContent';
export { DataProductLive } from './DataProductLive';
export { FreshnessStatusChip } from './FreshnessStatusChip';
