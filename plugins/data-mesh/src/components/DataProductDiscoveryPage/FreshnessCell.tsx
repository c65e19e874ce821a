import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  readableDuration,
  type FreshnessStatus,
  type ProductFreshness,
} from '@kafka-mesh/plugin-data-mesh-common';
import { ReadableDuration } from '../common';

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

/** The live age in words, e.g. `breached: 3 h ago`, or `no records`. */
export function liveAgeText(live: ProductFreshness): string {
  if (live.status === 'unknown' || live.ageMs === undefined) {
    return 'no records';
  }
  return `${STATUS_PREFIX[live.status]}${readableDuration(live.ageMs)} ago`;
}

// Each part of the text stays on one line; a narrow column breaks the
// text between them.
const noWrap = { whiteSpace: 'nowrap' } as const;

/** ` · SLA 5 min`, the promise with its ISO value in a tooltip. */
function Sla({ iso }: { iso: string }) {
  return (
    <>
      {' '}
      <span style={noWrap}>
        · SLA <ReadableDuration iso={iso} />
      </span>
    </>
  );
}

/**
 * The freshness column of the discovery table: the live state with the age
 * of the newest record when known, else the promise alone.
 */
export function FreshnessCell({ row }: { row: FreshnessFacts }) {
  const { live } = row;
  if (row.topicStatus === 'missing' && (!live || live.status === 'unknown')) {
    return (
      <StatusError>
        <span>
          <span style={noWrap}>Topic missing</span>
          <Sla iso={row.freshness} />
        </span>
      </StatusError>
    );
  }
  if (!live) {
    return (
      <span style={noWrap}>
        SLA <ReadableDuration iso={row.freshness} />
      </span>
    );
  }
  // One element: the status components lay their children out side by side.
  const text = (
    <span>
      <span style={noWrap}>{liveAgeText(live)}</span>
      <Sla iso={live.slaFreshness} />
    </span>
  );
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
