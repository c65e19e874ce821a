// What the browser tests (packages/e2e-tests) use to run this backend for
// real: `backend/testing`.
export { freePort } from './freePort';
export { startTestPostgres, type TestPostgres } from './postgres';
export {
  startBackend,
  type BackendCluster,
  type RunningBackend,
  type StartBackendOptions,
} from './startBackend';
