/**
 * The Kafka data mesh backend plugin: schema versions and diffs, topic
 * health, consumer lag and masked samples of data products, at
 * `/api/data-mesh`.
 *
 * @packageDocumentation
 */
export { dataMeshPlugin as default } from './plugin';
