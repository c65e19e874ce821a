/**
 * Test helpers shared by the suite's packages.
 *
 * @packageDocumentation
 */
export { eventually } from './eventually';
export { makeDataProduct } from './makeDataProduct';
export { fullDataProduct } from './fullDataProduct';
