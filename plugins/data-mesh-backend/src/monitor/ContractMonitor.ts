import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, stringifyError } from '@backstage/errors';
import {
  evaluateQualityRules,
  parseIsoDuration,
  QualityRecord,
  QualityRule,
  QualityRuleResult,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  KafkaService,
  mapLimited,
  RangeRecord,
  readTail,
} from '@kafka-mesh/plugin-data-mesh-node';
import { decodeValue, WireDecoder } from '../lib/decodeValue';
import type { PartitionOffsets } from '../lib/newestRecords';
import { maskSample } from '../lib/readSamples';
import type { QualityNotice } from './QualityNotifier';
import type {
  CursorUpdate,
  ProductCursor,
  QualityStore,
  StoredResult,
} from './QualityStore';

/** A product as the monitor checks it. */
export interface MonitoredProduct {
  /** DataProduct ref. */
  ref: string;
  /** Owner entity ref. */
  owner: string;
  cluster: string;
  topic: string;
  rules: QualityRule[];
  /** The descriptor's personal fields, masked in stored examples. */
  piiFields: string[];
  /** The registry subject of its values. */
  subject: string;
}

export interface MonitorLimits {
  /** Most records read per product in one run. */
  maxRecordsPerProduct: number;
  /** Most records read in one run over all products. */
  maxRecordsPerRun: number;
  /** Batches of topics read at the same time. */
  concurrency: number;
  /** Topics read by one consumer (one group join). */
  topicsPerRead: number;
  /** How long a batch read waits for its records. */
  readDeadlineMs: number;
  connectTimeoutMs: number;
  /** Offset fetches at the same time. */
  offsetsConcurrency: number;
  /** Examples kept per failing rule. */
  maxExamples: number;
}

export const DEFAULT_MONITOR_LIMITS: MonitorLimits = {
  maxRecordsPerProduct: 500,
  maxRecordsPerRun: 20_000,
  concurrency: 4,
  topicsPerRead: 50,
  readDeadlineMs: 10_000,
  connectTimeoutMs: 10_000,
  offsetsConcurrency: 8,
  maxExamples: 3,
};

export interface ContractMonitorOptions {
  store: QualityStore;
  /** The catalog's products to check (all DataProducts: conformance too). */
  listProducts: () => Promise<MonitoredProduct[]>;
  kafka: KafkaService;
  decode: WireDecoder;
  /** Dotted paths to mask in stored examples (the samples' PII paths). */
  maskPathsOf: (product: MonitoredProduct) => Promise<readonly string[]>;
  /** Told about rules that went from passing to failing; must not throw. */
  notify: (notice: QualityNotice) => Promise<void>;
  logger: LoggerService;
  limits?: Partial<MonitorLimits>;
  /** Results older than this are deleted by each run. */
  retentionMs: number;
  now?: () => number;
}

/** What one run did, for logs, tests and the benchmark. */
export interface MonitorRunSummary {
  products: number;
  /** Products whose results were stored. */
  checked: number;
  /** Products left for the next run: the run's record budget was spent. */
  deferred: number;
  /** Products that could not be read (Kafka or registry down, no topic). */
  failed: number;
  records: number;
  nonconforming: number;
  /** Rules that went from passing to failing. */
  newlyFailing: number;
}

/** A product with its read plan for this run. */
interface Planned {
  product: MonitoredProduct;
  cursor?: ProductCursor;
  ranges: Array<{ partition: number; from: bigint; last: bigint }>;
  /** Partitions with nothing new, or new ones, at their (unchanged) start. */
  idle: CursorUpdate[];
  skipped: number;
}

const UNDECODABLE = '<undecodable';

const isUndecodable = (value: unknown) =>
  typeof value === 'string' && value.startsWith(UNDECODABLE);

/** Rules measured on the stream as a whole rather than on new records. */
const needsNoNewRecords = (rule: QualityRule) =>
  rule.metric === 'freshness' || rule.metric === 'rowCount';

/** Records from each partition's start offset to its end offset. */
function recordsBetween(
  starts: Array<{ partition: number; offset: string }>,
  ends: Array<{ partition: number; high: string }>,
): number {
  let count = 0n;
  for (const end of ends) {
    const start = starts.find(s => s.partition === end.partition);
    if (!start) continue;
    const from = BigInt(start.offset);
    const to = BigInt(end.high);
    if (from >= 0n && to > from) count += to - from;
  }
  return Number(count);
}

/**
 * The contract monitor: each run reads the records of every product's
 * topic that arrived since its last check (at most `maxRecordsPerProduct`
 * per product and `maxRecordsPerRun` in all), decodes them through the
 * registry (a record that does not decode is schema non-conformance),
 * checks the product's quality rules on them and stores the results with
 * the new offsets in one transaction.
 *
 * Windows: rules see the records read in this run, not a buffer across
 * runs. `freshness` uses the newest record time stored across runs;
 * `rowCount` counts the records in its window from the broker's time index
 * (however many runs the window spans);
 * `duplicateValues` finds duplicates among this run's records only.
 *
 * Bounds: a partition with more new records than its share of
 * `maxRecordsPerProduct` is read from its newest records (the older ones
 * are counted as `skipped`), so a check stays current and bounded. A
 * product for which the run's budget is spent is left for the next run,
 * which starts with the products checked longest ago.
 *
 * Failures: a product whose offsets, records or decoding fail (Kafka or
 * the registry down) stores nothing and keeps its offsets: the next run
 * reads the same records. Kafka reads: one offsets call per topic and one
 * consumer per batch of `topicsPerRead` topics with new records.
 */
export class ContractMonitor {
  private readonly limits: MonitorLimits;
  private readonly now: () => number;

  constructor(private readonly options: ContractMonitorOptions) {
    this.limits = { ...DEFAULT_MONITOR_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
  }

  async run(): Promise<MonitorRunSummary> {
    const { store, logger } = this.options;
    const summary: MonitorRunSummary = {
      products: 0,
      checked: 0,
      deferred: 0,
      failed: 0,
      records: 0,
      nonconforming: 0,
      newlyFailing: 0,
    };
    await store.prune(
      new Date(this.now() - this.options.retentionMs).toISOString(),
    );
    const products = await this.options.listProducts();
    summary.products = products.length;
    // Never checked first, then the ones checked longest ago: a product
    // deferred by the run budget goes early next time.
    const lastRun = await store.lastRunTimes();
    products.sort((a, b) =>
      (lastRun.get(a.ref) ?? '').localeCompare(lastRun.get(b.ref) ?? ''),
    );

    const byCluster = new Map<string, MonitoredProduct[]>();
    for (const product of products) {
      const list = byCluster.get(product.cluster) ?? [];
      list.push(product);
      byCluster.set(product.cluster, list);
    }
    let budget = this.limits.maxRecordsPerRun;
    const reserve = (wanted: number) => {
      const granted = Math.min(wanted, budget);
      budget -= granted;
      return granted;
    };

    for (const [clusterName, list] of byCluster) {
      let cluster;
      try {
        cluster = this.options.kafka.cluster(clusterName);
      } catch (error) {
        logger.warn(`Contract monitor: ${stringifyError(error)}`);
        summary.failed += list.length;
        continue;
      }
      const plans = await mapLimited(
        list,
        this.limits.offsetsConcurrency,
        async product => {
          try {
            const offsets = (await cluster.admin(
              'fetching offsets',
              a => a.fetchTopicOffsets(product.topic),
              { topic: product.topic },
            )) as PartitionOffsets[];
            const cursor = await store.cursorOf(product.ref);
            return { product, offsets, cursor };
          } catch (error) {
            if (!(error instanceof NotFoundError)) {
              logger.warn(
                `Contract monitor: offsets of ${product.ref}: ${stringifyError(
                  error,
                )}`,
              );
            }
            summary.failed++;
            return undefined;
          }
        },
      );
      const planned: Planned[] = [];
      for (const found of plans) {
        if (!found) continue;
        const plan = this.plan(found.product, found.offsets, found.cursor);
        const wanted = plan.ranges.reduce(
          (n, r) => n + Number(r.last - r.from + 1n),
          0,
        );
        const granted = wanted > 0 ? reserve(wanted) : 0;
        if (granted < wanted) {
          // Not enough budget left for all of it: next run, from the
          // same offsets (a part-read product would skew its rules).
          budget += granted;
          summary.deferred++;
          continue;
        }
        planned.push(plan);
      }
      const batches: Planned[][] = [];
      let batch: Planned[] = [];
      for (const plan of planned) {
        if (plan.ranges.length === 0) {
          batches.push([plan]);
          continue;
        }
        batch.push(plan);
        if (batch.length >= this.limits.topicsPerRead) {
          batches.push(batch);
          batch = [];
        }
      }
      if (batch.length) batches.push(batch);

      await mapLimited(batches, this.limits.concurrency, async part => {
        const reading = part.filter(p => p.ranges.length > 0);
        let records: RangeRecord[] = [];
        if (reading.length > 0) {
          try {
            records = await readTail(
              cluster,
              reading.flatMap(p =>
                p.ranges.map(r => ({ topic: p.product.topic, ...r })),
              ),
              {
                deadlineMs: this.limits.readDeadlineMs,
                connectTimeoutMs: this.limits.connectTimeoutMs,
              },
            );
          } catch (error) {
            logger.warn(
              `Contract monitor: reading ${
                reading.length
              } topics of '${clusterName}' failed: ${stringifyError(error)}`,
            );
            summary.failed += part.length;
            return;
          }
        }
        const byTopic = new Map<string, RangeRecord[]>();
        for (const record of records) {
          const ofTopic = byTopic.get(record.topic) ?? [];
          ofTopic.push(record);
          byTopic.set(record.topic, ofTopic);
        }
        for (const plan of part) {
          try {
            const stats = await this.check(
              plan,
              byTopic.get(plan.product.topic) ?? [],
            );
            summary.checked++;
            summary.records += stats.records;
            summary.nonconforming += stats.nonconforming;
            summary.newlyFailing += stats.newlyFailing;
          } catch (error) {
            logger.warn(
              `Contract monitor: checking ${plan.product.ref}: ${stringifyError(
                error,
              )}`,
            );
            summary.failed++;
          }
        }
      });
    }
    return summary;
  }

  /** Which offsets to read: after the cursor, within the product's share. */
  private plan(
    product: MonitoredProduct,
    offsets: PartitionOffsets[],
    cursor: ProductCursor | undefined,
  ): Planned {
    const sameTopic = cursor?.topic === product.topic ? cursor : undefined;
    const share = BigInt(
      Math.max(
        1,
        Math.floor(this.limits.maxRecordsPerProduct / (offsets.length || 1)),
      ),
    );
    const plan: Planned = {
      product,
      cursor: sameTopic,
      ranges: [],
      idle: [],
      skipped: 0,
    };
    for (const p of offsets) {
      const low = BigInt(p.low);
      const high = BigInt(p.high);
      const known = sameTopic?.partitions.get(p.partition);
      // First check of a partition: its newest records only.
      let from = known ? known.next : high - share;
      if (from < low) from = low;
      if (from > high) from = high; // the topic was recreated
      if (known && high - from > share) {
        plan.skipped += Number(high - share - from);
        from = high - share;
      }
      if (high > from) {
        plan.ranges.push({ partition: p.partition, from, last: high - 1n });
      } else {
        plan.idle.push({
          partition: p.partition,
          nextOffset: from,
          newestAt: known?.newestAt,
        });
      }
    }
    return plan;
  }

  /** Decodes, evaluates, stores and notifies for one product. */
  private async check(
    plan: Planned,
    raw: RangeRecord[],
  ): Promise<{ records: number; nonconforming: number; newlyFailing: number }> {
    const { product } = plan;
    const now = this.now();
    const records: QualityRecord[] = [];
    let nonconforming = 0;
    const reached = new Map<number, { next: bigint; newestAt: number }>();
    // Partition order, offset order: the decoder's cache warms on the first.
    raw.sort(
      (a, b) =>
        a.partition - b.partition ||
        Number(BigInt(a.offset) - BigInt(b.offset)),
    );
    for (const record of raw) {
      // Throws when the registry cannot be reached: nothing is stored.
      const value = await decodeValue(record.value, this.options.decode);
      if (isUndecodable(value)) nonconforming++;
      else records.push({ value, timestamp: record.timestamp });
      const seen = reached.get(record.partition);
      const next = BigInt(record.offset) + 1n;
      reached.set(record.partition, {
        next: seen && seen.next > next ? seen.next : next,
        newestAt: Math.max(seen?.newestAt ?? 0, record.timestamp),
      });
    }
    // A partition advances to after the last record that arrived; one
    // whose records did not arrive by the deadline stays where it was.
    const cursors: CursorUpdate[] = [...plan.idle];
    for (const range of plan.ranges) {
      const got = reached.get(range.partition);
      const known = plan.cursor?.partitions.get(range.partition);
      const old = known?.newestAt;
      if (got) {
        cursors.push({
          partition: range.partition,
          nextOffset: got.next,
          newestAt: Math.max(old ?? 0, got.newestAt),
        });
      } else if (known) {
        cursors.push({
          partition: range.partition,
          nextOffset: known.next,
          newestAt: old,
        });
      }
    }
    const newestAt = cursors.reduce<number | undefined>(
      (n, c) =>
        c.newestAt !== undefined && (n === undefined || c.newestAt > n)
          ? c.newestAt
          : n,
      undefined,
    );

    // Throws when Kafka cannot be asked: nothing is stored, as above.
    const windowCounts = await this.countWindows(product, now);
    const results = this.evaluate(
      product.rules,
      records,
      newestAt,
      now,
      windowCounts,
    );
    const mask = results.some(r => r.result.failingExamples?.length)
      ? await this.options.maskPathsOf(product)
      : [];
    const stored: StoredResult[] = results.map(({ rule, result }) => ({
      rule: result.rule,
      metric: result.metric,
      severity: rule.severity ?? 'error',
      value: result.value,
      passed: result.passed,
      checked: result.checked,
      ...(result.failingExamples?.length && {
        failingExamples: result.failingExamples.map(
          example => maskSample(example, mask).value,
        ),
      }),
      ...(result.error && { error: result.error }),
    }));

    const before = await this.options.store.lastPassed(product.ref);
    await this.options.store.recordRun({
      product: product.ref,
      topic: product.topic,
      checkedAt: new Date(now).toISOString(),
      records: raw.length,
      nonconforming,
      skipped: plan.skipped,
      results: stored,
      cursors,
    });
    // Passing → failing only: a rule failing since its first check (say,
    // when the monitor is first deployed) does not page anyone.
    const failing = stored.filter(r => !r.passed && before.get(r.rule));
    if (failing.length > 0) {
      await this.options
        .notify({ product, failing })
        .catch(error =>
          this.options.logger.warn(
            `Contract monitor: notifying about ${product.ref}: ${stringifyError(
              error,
            )}`,
          ),
        );
    }
    return { records: raw.length, nonconforming, newlyFailing: failing.length };
  }

  /**
   * The records in each `rowCount` rule's window, counted from the
   * broker's time index (the offset of the first record after the window's
   * start, against the end offset, per partition): exact however many runs
   * the window spans, where this run's records would undercount it. One
   * admin call for the end offsets and one per window.
   */
  private async countWindows(
    product: MonitoredProduct,
    now: number,
  ): Promise<Record<string, number> | undefined> {
    const windows = new Map<string, number>();
    for (const rule of product.rules) {
      if (rule.metric !== 'rowCount' || !rule.arguments?.window) continue;
      try {
        windows.set(rule.name, parseIsoDuration(rule.arguments.window));
      } catch {
        // The evaluation reports the malformed window as the rule's error.
      }
    }
    if (windows.size === 0) return undefined;
    const { topic } = product;
    return this.options.kafka.cluster(product.cluster).admin(
      'counting records in a window',
      async admin => {
        const ends = await admin.fetchTopicOffsets(topic);
        const counts: Record<string, number> = {};
        for (const [name, windowMs] of windows) {
          // Timestamps after the window's start, as evaluateQualityRules.
          const starts = await admin.fetchTopicOffsetsByTimestamp(
            topic,
            now - windowMs + 1,
          );
          counts[name] = recordsBetween(starts, ends);
        }
        return counts;
      },
      { topic },
    );
  }

  /**
   * The rules over this run's records; with no new records, only the
   * rules that measure the stream (freshness from the stored newest time,
   * rowCount from the broker's count of its window).
   */
  private evaluate(
    rules: QualityRule[],
    records: QualityRecord[],
    newestAt: number | undefined,
    now: number,
    windowCounts: Record<string, number> | undefined,
  ): Array<{ rule: QualityRule; result: QualityRuleResult }> {
    const out: Array<{ rule: QualityRule; result: QualityRuleResult }> = [];
    const options = { now, maxExamples: this.limits.maxExamples, windowCounts };
    const onRecords = rules.filter(
      r =>
        r.metric !== 'freshness' &&
        (records.length > 0 || needsNoNewRecords(r)),
    );
    const freshness = rules.filter(r => r.metric === 'freshness');
    const recordResults = evaluateQualityRules(onRecords, records, options);
    onRecords.forEach((rule, i) =>
      out.push({ rule, result: recordResults[i] }),
    );
    if (freshness.length > 0) {
      const newest: QualityRecord[] =
        newestAt === undefined ? [] : [{ value: null, timestamp: newestAt }];
      const results = evaluateQualityRules(freshness, newest, options);
      freshness.forEach((rule, i) =>
        out.push({
          rule,
          result: { ...results[i], checked: records.length },
        }),
      );
    }
    const order = new Map(rules.map((r, i) => [r.name, i]));
    return out.sort(
      (a, b) => order.get(a.rule.name)! - order.get(b.rule.name)!,
    );
  }
}
