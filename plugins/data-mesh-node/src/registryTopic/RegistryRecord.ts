import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * One record of the registry topic as read: key = product id
 * `<namespace>/<name>`, value = descriptor JSON, no value = tombstone. Both
 * stay bytes; {@link parseDescriptorRecord} decodes them.
 *
 * @public
 */
export interface RegistryRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

/**
 * Consumer groups of the suite's own registry topic readers (they never
 * commit); under the portal prefix, so never taken for consumers of products.
 *
 * @public
 */
export const READER_GROUP_PREFIX = `${PORTAL_CONSUMER_GROUP_PREFIX}reader-`;
