import type { KafkaAcl } from '@kafka-mesh/plugin-data-mesh-common';
import {
  AclQuery,
  createAcls,
  deleteAcls,
  describeAcls,
  KafkaService,
} from '@kafka-mesh/plugin-data-mesh-node';

/**
 * What the access workflow needs from the brokers, by cluster name. The
 * real one goes through the suite's KafkaService; tests of the workflow
 * use a fake.
 */
export interface AclPort {
  create(cluster: string, acls: KafkaAcl[]): Promise<void>;
  /** Deletes exactly these ACLs; absent ones are no error. */
  delete(cluster: string, acls: KafkaAcl[]): Promise<void>;
  describe(cluster: string, query: AclQuery): Promise<KafkaAcl[]>;
}

/** The AclPort of the suite's KafkaService (throws KafkaUnavailableError). */
export function kafkaAclPort(kafka: KafkaService): AclPort {
  return {
    create: (cluster, acls) => createAcls(kafka.cluster(cluster), acls),
    delete: async (cluster, acls) => {
      await deleteAcls(kafka.cluster(cluster), acls);
    },
    describe: (cluster, query) => describeAcls(kafka.cluster(cluster), query),
  };
}
