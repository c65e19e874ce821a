export {
  DataProductLineageContent,
  DataProductLineage,
} from './DataProductLineageContent';
