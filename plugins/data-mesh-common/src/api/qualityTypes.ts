import type { QualityMetric } from '../quality/types';

/**
 * One check of one rule by the contract monitor.
 *
 * @public
 */
export interface QualityCheckPoint {
  /** ISO time of the check. */
  checkedAt: string;
  /** The measured value in the rule's unit; -1 when nothing could be measured. */
  value: number;
  passed: boolean;
  /** How many records the check covered. */
  checked: number;
}

/**
 * A rule's recent history as the Live tab shows it.
 *
 * @public
 */
export interface QualityRuleHistory {
  rule: string;
  metric: QualityMetric;
  severity: 'info' | 'warning' | 'error';
  /** Oldest first, the newest {@link MAX_QUALITY_SERIES_POINTS} since `since`. */
  series: QualityCheckPoint[];
  /** Share of the series' checks that passed, 0..1; null without checks. */
  passRate: number | null;
  /** The newest check, absent when there was none since `since`. */
  lastCheck?: QualityCheckPoint & { error?: string };
  /**
   * Offending records of the newest check that had any, with PII masked
   * (always: the monitor never keeps personal data). Empty when the
   * caller may not read samples.
   */
  failingExamples: unknown[];
}

/**
 * `GET /products/:namespace/:name/quality`.
 *
 * @public
 */
export interface ProductQualityResponse {
  /** The start of the history shown (ISO time). */
  since: string;
  rules: QualityRuleHistory[];
  /** Records read against the registry schema since `since`. */
  conformance: {
    records: number;
    /** Records that did not decode against their registered schema. */
    nonconforming: number;
    /** New records passed over to keep a check bounded. */
    skipped: number;
    /** The newest check of the product (ISO time). */
    lastRunAt?: string;
  };
  /** Whether failing examples are shown (the caller may read samples). */
  examplesVisible: boolean;
}

/**
 * A product's quality at a glance: `failing` when the newest check of any
 * rule failed, `ok` when all passed, `unknown` when never checked.
 *
 * @public
 */
export type QualityStatus = 'ok' | 'failing' | 'unknown';

/**
 * `GET /quality-status/failing`: the products failing now that the caller
 * may see, for the discovery page's filter.
 *
 * @public
 */
export interface FailingProductsResponse {
  /** Refs of the products whose newest check of some rule failed. */
  items: string[];
  /** Whether more products fail than the answer lists. */
  truncated: boolean;
}

/**
 * `POST /quality-status` (body `{"entityRefs": [...]}`, as `/freshness`).
 *
 * @public
 */
export interface ProductsQualityStatusResponse {
  items: Array<{
    /** The ref as requested. */
    entityRef: string;
    status: QualityStatus;
    /** Names of the rules whose newest check failed. */
    failingRules: string[];
    /** The newest check (ISO time). */
    lastCheckedAt?: string;
  }>;
}

/**
 * At most this many points per rule in a quality history.
 *
 * @public
 */
export const MAX_QUALITY_SERIES_POINTS = 200;

/**
 * At most this many products in `GET /quality-status/failing`: the
 * discovery page's filter asks the catalog for them by ref, in one query.
 *
 * @public
 */
export const MAX_FAILING_PRODUCTS = 1000;
