/**
 * Isomorphic shared code for the Kafka data mesh: the DataProduct entity,
 * its JSON schema and validator, the SLA model with the weakest-link rule,
 * export to ODPS/ODCS, permissions and the governance rules.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './entity';
export * from './sla';
export * from './export';
export * from './permissions';
export * from './governance';
export * from './api';
export * from './access';
export * from './quality';
