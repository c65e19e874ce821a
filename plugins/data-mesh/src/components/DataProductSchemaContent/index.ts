export { DataProductSchemaContent } from './DataProductSchemaContent';
export { DataProductSchema } from './DataProductSchema';
