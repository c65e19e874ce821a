import { ResponseError } from '@backstage/errors';
import { readableIsoDuration } from '@kafka-mesh/plugin-data-mesh-common';
import type {
  AccessAuditEvent,
  AccessRequest,
  KafkaAcl,
} from '@kafka-mesh/plugin-data-mesh-common';

/**
 * The backend's own words for a failed request (the `error.message` of its
 * JSON error body), else the error's message.
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error) && error.cause?.message) {
    return error.cause.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Identity of an ACL, for matching the broker's ACLs with drift items. */
export function aclKey(acl: KafkaAcl): string {
  return [
    acl.principal,
    acl.resourceType,
    acl.patternType,
    acl.resourceName,
    acl.host,
    acl.operation,
    acl.permission,
  ].join('|');
}

/** e.g. `read topic orders.v1`, `read groups orders-app-*`, `deny write topic x`. */
export function describeAcl(acl: KafkaAcl): string {
  const star = acl.patternType === 'prefixed' ? '*' : '';
  const what =
    acl.resourceType === 'group'
      ? `${star ? 'groups' : 'group'} ${acl.resourceName}${star}`
      : `${acl.resourceType} ${acl.resourceName}${star}`;
  const host = acl.host && acl.host !== '*' ? ` from ${acl.host}` : '';
  const verb =
    acl.permission === 'deny' ? `deny ${acl.operation}` : acl.operation;
  return `${verb} ${what}${host}`;
}

/** Where a grant's ACLs are on the broker, in words. */
export function aclStateLabel(
  request: Pick<AccessRequest, 'aclState' | 'aclError'>,
): string {
  const away = request.aclError ? ', the broker is away' : '';
  switch (request.aclState) {
    case 'applying':
      return `being applied${away}`;
    case 'applied':
      return 'applied';
    case 'removing':
      return `being removed${away}`;
    case 'removed':
      return 'removed';
    default:
      return 'none';
  }
}

const ACTION_LABELS: Record<AccessAuditEvent['action'], string> = {
  requested: 'requested access',
  approved: 'approved',
  'auto-approved': 'approved at once (no approval needed)',
  denied: 'denied',
  revoked: 'revoked',
  expired: 'expired',
  'acls-created': 'created ACLs',
  'acls-deleted': 'deleted ACLs',
};

/** What an audit event did, in words. */
export function auditActionLabel(action: AccessAuditEvent['action']): string {
  return ACTION_LABELS[action] ?? action;
}

/** `2026-03-01 09:00 UTC` from an ISO timestamp; the input when it is not one. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The durations a requester may pick. */
export const ACCESS_DURATIONS = [
  { value: 'P7D', label: '7 days' },
  { value: 'P30D', label: '30 days' },
  { value: 'P90D', label: '90 days' },
] as const;

/**
 * `30 days` for `P30D`, as the request form offers it; other durations (an
 * API client may ask for any) as people say them, `PT20S` → `20 s`.
 */
export function durationLabel(duration: string): string {
  return (
    ACCESS_DURATIONS.find(d => d.value === duration)?.label ??
    readableIsoDuration(duration)
  );
}
