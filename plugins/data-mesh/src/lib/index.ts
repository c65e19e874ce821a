export * from './entities';
export { saveJsonFile } from './saveJsonFile';
