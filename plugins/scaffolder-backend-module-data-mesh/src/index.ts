/**
 * Scaffolder actions for the Kafka data mesh: validate, create topics,
 * register schemas, publish, deprecate and unpublish data products, write
 * synthetic test records, and publish skeletons to local git repositories.
 *
 * @packageDocumentation
 */
export { scaffolderModuleDataMesh as default } from './module';
