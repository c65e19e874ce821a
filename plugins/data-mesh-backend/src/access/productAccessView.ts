import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  DataProductEntity,
  ProductAccessResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { KafkaUnavailableError } from '@kafka-mesh/plugin-data-mesh-node';
import { redact } from '../lib/upstream';
import type { AclPort } from './aclPort';
import type { AccessService } from './AccessService';
import type { AccessStore } from './AccessStore';
import { isApprovalRequired } from './approvalRequired';
import { readBrokerAcls } from './brokerAcls';
import { computeDrift } from './drift';

/** Rows of each kind on the page at most. */
export const MAX_LISTED = 200;
export const MAX_HISTORY = 100;

export interface ProductAccessViewOptions {
  store: AccessStore;
  service: AccessService;
  acls: AclPort;
  approvalRequired: Parameters<typeof isApprovalRequired>[1];
  secrets: readonly string[];
}

/**
 * A product's access page: what the database knows (pending requests,
 * grants, history) beside what the broker has, and where they differ. A
 * broker that cannot answer leaves the broker's side empty with the reason;
 * the rest is still worth showing.
 */
export async function readProductAccess(
  options: ProductAccessViewOptions,
  entity: DataProductEntity,
  ref: string,
  credentials: BackstageCredentials,
): Promise<ProductAccessResponse> {
  const { store, service } = options;
  const { cluster, topic } = entity.spec.output;
  const [pending, grants, ending, history, canDecide] = await Promise.all([
    store.listForProduct(ref, ['pending'], MAX_LISTED),
    store.listForProduct(ref, ['approved'], MAX_LISTED),
    store.listRemovingForProduct(ref, MAX_LISTED),
    store.history(ref, MAX_HISTORY),
    service.mayDecide(ref, credentials),
  ]);
  const response: ProductAccessResponse = {
    product: ref,
    classification: entity.spec.classification,
    approvalRequired: isApprovalRequired(
      entity.spec.classification,
      options.approvalRequired,
    ),
    acls: [],
    drift: [],
    pending,
    grants,
    history,
    canDecide,
  };
  try {
    response.acls = await readBrokerAcls(options.acls, cluster, topic, grants);
    response.drift = computeDrift(
      topic,
      [...grants, ...ending],
      response.acls,
    );
  } catch (error) {
    if (!(error instanceof KafkaUnavailableError)) throw error;
    response.aclsUnavailable = `The ACLs of the Kafka cluster '${cluster}' could not be read: ${redact(
      error.message,
      options.secrets,
    ).slice(0, 300)}`;
  }
  return response;
}
