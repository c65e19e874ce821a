import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type {
  FreshnessStatus,
  ProductFreshness,
} from '@kafka-mesh/plugin-data-mesh-common';
import { formatMs } from '../../lib';

/** What the freshness column needs of a row. */
export interface FreshnessFacts {
  /** The SLA freshness from the entity, shown until the live state is known. */
  freshness: string;
  topicStatus: 'ok' | 'missing' | 'unknown' | 'unobserved';
  live?: ProductFreshness;
}

const STATUS_PREFIX: Record<FreshnessStatus, string> = {
  ok: '',
  'at-risk': 'at risk: ',
  breached: 'breached: ',
  unknown: '',
};

/** The live freshness in words, e.g. `breached: 3h ago · SLA PT1H`. */
export function liveFreshnessText(live: ProductFreshness): string {
  const sla = `SLA ${live.slaFreshness}`;
  if (live.status === 'unknown' || live.ageMs === undefined) {
    return `no records · ${sla}`;
  }
  return `${STATUS_PREFIX[live.status]}${formatMs(live.ageMs)} ago · ${sla}`;
}

/**
 * The freshness column of the discovery table: the live state with the age
 * of the newest record when known, else the promise alone.
 */
export function FreshnessCell({ row }: { row: FreshnessFacts }) {
  const { live } = row;
  if (row.topicStatus === 'missing' && (!live || live.status === 'unknown')) {
    return <StatusError>Topic missing · SLA {row.freshness}</StatusError>;
  }
  if (!live) {
    return <span>SLA {row.freshness}</span>;
  }
  const text = liveFreshnessText(live);
  const title = live.newestRecordAt
    ? `Newest record written at ${live.newestRecordAt}`
    : 'The topic holds no record to judge by';
  return (
    <span title={title}>
      {live.status === 'ok' && <StatusOK>{text}</StatusOK>}
      {live.status === 'at-risk' && <StatusWarning>{text}</StatusWarning>}
      {live.status === 'breached' && <StatusError>{text}</StatusError>}
      {live.status === 'unknown' && <StatusPending>{text}</StatusPending>}
    </span>
  );
}

const STATUS_ORDER: Record<FreshnessStatus, number> = {
  ok: 0,
  'at-risk': 1,
  breached: 2,
  unknown: 3,
};

/**
 * Sort order of the freshness column: live ok, at risk, breached, unknown,
 * then rows whose live state is not known; younger records first within
 * each, then by the SLA.
 */
export function compareFreshness(a: FreshnessFacts, b: FreshnessFacts): number {
  const rank = (row: FreshnessFacts) =>
    row.live ? STATUS_ORDER[row.live.status] : 4;
  const age = (row: FreshnessFacts) => row.live?.ageMs ?? Number.MAX_VALUE;
  return (
    rank(a) - rank(b) ||
    Math.sign(age(a) - age(b)) ||
    a.freshness.localeCompare(b.freshness)
  );
}
