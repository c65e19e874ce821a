/**
 * The living demo mesh: Kettle & Kite, an online retailer, with its
 * organisation, source and derived data products, generators, stream
 * processors and a consuming dashboard, on the local stack.
 *
 * @packageDocumentation
 */
export { seedDemoMesh } from './seed';
export type { SeedSummary } from './seed';
export { startDemoRuntime } from './runtime';
export type { DemoRuntime, DemoRuntimeOptions } from './runtime';
export type { DemoMeshOptions } from './options';
export { DEMO_CATALOG_FILES } from './mesh/demoProducts';
export { PRODUCTS } from './mesh/productNames';
export { SALES_DASHBOARD_GROUP } from './consumers/salesDashboard';
