export {
  DataProductOverviewCard,
  DataProductOverview,
} from './DataProductOverviewCard';
