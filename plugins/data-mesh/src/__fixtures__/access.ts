import type { Entity } from '@backstage/catalog-model';
import type {
  AccessRequest,
  KafkaAcl,
  ProductAccessResponse,
} from '@kafka-mesh/plugin-data-mesh-common';

const product = 'dataproduct:default/orders-placed';
const topic = 'commerce.orders-placed.v1';

function readAcls(principal: string, groupPrefix: string): KafkaAcl[] {
  return [
    {
      resourceType: 'topic',
      resourceName: topic,
      patternType: 'literal',
      principal,
      host: '*',
      operation: 'read',
      permission: 'allow',
    },
    {
      resourceType: 'group',
      resourceName: groupPrefix,
      patternType: 'prefixed',
      principal,
      host: '*',
      operation: 'read',
      permission: 'allow',
    },
  ];
}

/** A request of the shipping team for its shipping-app, waiting for the owners. */
export const pendingRequest: AccessRequest = {
  id: 'req-pending-1',
  product,
  cluster: 'local',
  topic,
  principalRef: 'resource:default/shipping-app',
  principal: 'User:shipping-app',
  groupPrefix: 'shipping-app-',
  purpose: 'Print shipping labels',
  duration: 'P30D',
  requestedBy: 'user:default/chloe.martin',
  requestedAt: '2026-03-01T09:00:00.000Z',
  approvalRequired: true,
  status: 'pending',
  aclState: 'none',
  acls: readAcls('User:shipping-app', 'shipping-app-'),
};

/** A grant whose ACLs are on the broker. */
export const appliedGrant: AccessRequest = {
  id: 'req-granted-1',
  product,
  cluster: 'local',
  topic,
  principalRef: 'resource:default/analytics-loader',
  principal: 'User:analytics-loader',
  groupPrefix: 'analytics-loader-',
  purpose: 'Nightly revenue report',
  duration: 'P90D',
  requestedBy: 'user:default/erik.johansson',
  requestedAt: '2026-02-01T08:00:00.000Z',
  approvalRequired: true,
  status: 'approved',
  decidedBy: 'user:default/amara.okafor',
  decidedAt: '2026-02-01T10:00:00.000Z',
  decisionNote: 'ok for reporting',
  expiresAt: '2026-05-02T10:00:00.000Z',
  aclState: 'applied',
  acls: readAcls('User:analytics-loader', 'analytics-loader-'),
};

/** A grant whose ACLs wait for the broker to come back. */
export const applyingGrant: AccessRequest = {
  ...appliedGrant,
  id: 'req-granted-2',
  principalRef: 'resource:default/fraud-checker',
  principal: 'User:fraud-checker',
  groupPrefix: 'fraud-checker-',
  purpose: 'Fraud scoring',
  requestedBy: 'user:default/chloe.martin',
  decisionNote: undefined,
  aclState: 'applying',
  aclError: 'broker localhost:9092 unreachable',
  acls: readAcls('User:fraud-checker', 'fraud-checker-'),
};

/** An ACL nobody asked for. */
export const unrequestedAcl: KafkaAcl = {
  resourceType: 'topic',
  resourceName: topic,
  patternType: 'literal',
  principal: 'User:legacy-etl',
  host: '*',
  operation: 'read',
  permission: 'allow',
};

/**
 * An owner's view: one pending request, two grants (one applying), one ACL
 * nobody requested and the missing ACLs of the applying grant.
 */
export const ownerAccess: ProductAccessResponse = {
  product,
  classification: 'confidential',
  approvalRequired: true,
  acls: [...appliedGrant.acls, unrequestedAcl],
  drift: [
    { kind: 'unrequested', acl: unrequestedAcl },
    ...applyingGrant.acls.map(acl => ({
      kind: 'missing' as const,
      acl,
      requestId: applyingGrant.id,
    })),
  ],
  pending: [pendingRequest],
  grants: [appliedGrant, applyingGrant],
  history: [
    {
      requestId: appliedGrant.id,
      at: '2026-02-01T10:00:00.000Z',
      actor: 'user:default/amara.okafor',
      action: 'approved',
      note: 'ok for reporting',
    },
    {
      requestId: pendingRequest.id,
      at: '2026-03-01T09:00:00.000Z',
      actor: 'user:default/chloe.martin',
      action: 'requested',
    },
    {
      requestId: appliedGrant.id,
      at: '2026-02-01T10:00:05.000Z',
      actor: 'system',
      action: 'acls-created',
      acls: appliedGrant.acls,
    },
  ],
  canDecide: true,
};

/** A reader's view of the same product: nothing to decide. */
export const readerAccess: ProductAccessResponse = {
  ...ownerAccess,
  pending: [],
  canDecide: false,
};

/** The broker could not be asked. */
export const unavailableAccess: ProductAccessResponse = {
  ...ownerAccess,
  acls: [],
  drift: [],
  aclsUnavailable: 'Kafka cluster local is unreachable',
};

/** A kafka-principal Resource, as the catalog returns it with limited fields. */
export function kafkaPrincipal(
  name: string,
  options: { title?: string; principal?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      ...(options.title ? { title: options.title } : {}),
      ...(options.principal
        ? {
            annotations: { 'kafka-mesh.io/kafka-principal': options.principal },
          }
        : {}),
    },
    spec: { type: 'kafka-principal', owner: 'group:default/shipping-team' },
  };
}
