export {
  DataProductSchemaContent,
  DataProductSchema,
} from './DataProductSchemaContent';
