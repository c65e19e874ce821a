import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  QualityCheckPoint,
  QualityMetric,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { Knex } from 'knex';
import { migrationsDir } from '../access/AccessStore';

const CURSORS = 'quality_cursors';
const RUNS = 'quality_runs';
const RESULTS = 'quality_results';
const STATUS = 'quality_rule_status';

/** Rows per insert: SQLite allows 999 bound variables per statement. */
const INSERT_CHUNK = 50;

/** Where the monitor has read a product's topic to. */
export interface ProductCursor {
  topic: string;
  /** By partition: the next offset to check and the newest record's time. */
  partitions: Map<number, { next: bigint; newestAt?: number }>;
  /** Timestamp (epoch ms) of the newest record checked, over all partitions. */
  newestAt?: number;
}

/** A partition's position after a run. */
export interface CursorUpdate {
  partition: number;
  nextOffset: bigint;
  /** Newest record timestamp (epoch ms) in the partition so far. */
  newestAt?: number;
}

/** One rule's result as stored. */
export interface StoredResult {
  rule: string;
  metric: QualityMetric;
  severity: 'info' | 'warning' | 'error';
  value: number;
  passed: boolean;
  checked: number;
  /** Already masked. */
  failingExamples?: unknown[];
  error?: string;
}

/** What one run found for one product, stored with its new offsets. */
export interface RunRecord {
  product: string;
  topic: string;
  checkedAt: string;
  records: number;
  nonconforming: number;
  skipped: number;
  results: StoredResult[];
  cursors: CursorUpdate[];
}

export interface RuleSeries {
  rule: string;
  metric: QualityMetric;
  severity: 'info' | 'warning' | 'error';
  /** Oldest first. */
  points: Array<QualityCheckPoint & { error?: string }>;
  /** Examples of the newest point that had any. */
  failingExamples: unknown[];
}

const iso = (ms: number | undefined) =>
  ms === undefined ? null : new Date(ms).toISOString();

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * The contract monitor's tables: per product the next offset to check of
 * each partition, and a time series of runs (schema conformance counts)
 * and of rule results. A run's results and its new offsets are written in
 * one transaction, so that a record is counted once or, after a failure,
 * not at all (and read again by the next run). Plain knex: SQLite and
 * PostgreSQL.
 */
export class QualityStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<QualityStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir() });
    }
    return new QualityStore(db);
  }

  constructor(private readonly db: Knex) {}

  /** The product's cursor; undefined when never checked. */
  async cursorOf(product: string): Promise<ProductCursor | undefined> {
    const rows = await this.db(CURSORS).where({ product });
    if (rows.length === 0) return undefined;
    const partitions = new Map<number, { next: bigint; newestAt?: number }>();
    let newestAt: number | undefined;
    for (const row of rows) {
      const at = row.newest_at ? Date.parse(row.newest_at) : undefined;
      partitions.set(Number(row.partition), {
        next: BigInt(row.next_offset),
        ...(at !== undefined && { newestAt: at }),
      });
      if (at !== undefined && (newestAt === undefined || at > newestAt)) {
        newestAt = at;
      }
    }
    return { topic: rows[0].topic, partitions, newestAt };
  }

  /** When each product was last checked (ISO time), for fair ordering. */
  async lastRunTimes(): Promise<Map<string, string>> {
    const rows = await this.db(RUNS)
      .select('product')
      .max({ at: 'checked_at' })
      .groupBy('product');
    return new Map(rows.map((r: any) => [r.product, r.at]));
  }

  /** The newest result of each rule of the product: whether it passed. */
  async lastPassed(product: string): Promise<Map<string, boolean>> {
    const rows = await this.db(RESULTS)
      .select('rule', 'passed')
      .whereIn(
        'id',
        this.db(RESULTS).max('id').where({ product }).groupBy('rule'),
      );
    return new Map(rows.map((r: any) => [r.rule, Boolean(r.passed)]));
  }

  /**
   * Stores a run with its results and moves the product's offsets, all or
   * nothing. A changed topic replaces the old topic's offsets.
   */
  async recordRun(run: RunRecord): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(RUNS).insert({
        product: run.product,
        checked_at: run.checkedAt,
        records: run.records,
        nonconforming: run.nonconforming,
        skipped: run.skipped,
      });
      for (const chunk of chunks(run.results, INSERT_CHUNK)) {
        await tx(RESULTS).insert(
          chunk.map(r => ({
            product: run.product,
            rule: r.rule,
            metric: r.metric,
            severity: r.severity,
            checked_at: run.checkedAt,
            value: r.value,
            passed: r.passed,
            checked: r.checked,
            failing_examples: r.failingExamples?.length
              ? JSON.stringify(r.failingExamples)
              : null,
            error: r.error ?? null,
          })),
        );
      }
      for (const chunk of chunks(run.results, INSERT_CHUNK)) {
        await tx(STATUS)
          .insert(
            chunk.map(r => ({
              product: run.product,
              rule: r.rule,
              passed: r.passed,
              checked_at: run.checkedAt,
            })),
          )
          .onConflict(['product', 'rule'])
          .merge();
      }
      await tx(CURSORS)
        .where({ product: run.product })
        .whereNot({ topic: run.topic })
        .delete();
      for (const cursor of run.cursors) {
        await tx(CURSORS)
          .insert({
            product: run.product,
            topic: run.topic,
            partition: cursor.partition,
            next_offset: cursor.nextOffset.toString(),
            newest_at: iso(cursor.newestAt),
          })
          .onConflict(['product', 'partition'])
          .merge();
      }
    });
  }

  /**
   * Each rule's results since `since` (the newest `limit` of them, oldest
   * first), with the failing examples of the newest result that had any.
   */
  async series(
    product: string,
    since: string,
    limit: number,
  ): Promise<RuleSeries[]> {
    const rules = await this.db(RESULTS)
      .distinct('rule')
      .where({ product })
      .where('checked_at', '>=', since)
      .orderBy('rule');
    const out: RuleSeries[] = [];
    for (const { rule } of rules as Array<{ rule: string }>) {
      const rows = await this.db(RESULTS)
        .where({ product, rule })
        .where('checked_at', '>=', since)
        .orderBy('id', 'desc')
        .limit(limit);
      const withExamples = await this.db(RESULTS)
        .select('failing_examples')
        .where({ product, rule })
        .where('checked_at', '>=', since)
        .whereNotNull('failing_examples')
        .orderBy('id', 'desc')
        .first();
      rows.reverse();
      const newest = rows[rows.length - 1];
      out.push({
        rule,
        metric: newest.metric,
        severity: newest.severity,
        points: rows.map((r: any) => ({
          checkedAt: r.checked_at,
          value: Number(r.value),
          passed: Boolean(r.passed),
          checked: Number(r.checked),
          ...(r.error ? { error: r.error } : {}),
        })),
        failingExamples: withExamples
          ? JSON.parse(withExamples.failing_examples)
          : [],
      });
    }
    return out;
  }

  /** Schema conformance over the product's runs since `since`. */
  async conformance(
    product: string,
    since: string,
  ): Promise<{
    records: number;
    nonconforming: number;
    skipped: number;
    lastRunAt?: string;
  }> {
    const row: any = await this.db(RUNS)
      .where({ product })
      .where('checked_at', '>=', since)
      .sum({ records: 'records' })
      .sum({ nonconforming: 'nonconforming' })
      .sum({ skipped: 'skipped' })
      .max({ last: 'checked_at' })
      .first();
    return {
      records: Number(row?.records ?? 0),
      nonconforming: Number(row?.nonconforming ?? 0),
      skipped: Number(row?.skipped ?? 0),
      ...(row?.last ? { lastRunAt: row.last } : {}),
    };
  }

  /**
   * The newest result of every rule of each product: failing rules and
   * the newest check. Products never checked are absent.
   */
  async statusOf(
    products: readonly string[],
  ): Promise<Map<string, { failingRules: string[]; lastCheckedAt: string }>> {
    const out = new Map<
      string,
      { failingRules: string[]; lastCheckedAt: string }
    >();
    for (const chunk of chunks([...new Set(products)], 200)) {
      const rows = await this.db(STATUS)
        .select('product', 'rule', 'passed', 'checked_at')
        .whereIn('product', chunk);
      for (const row of rows as any[]) {
        const entry = out.get(row.product) ?? {
          failingRules: [] as string[],
          lastCheckedAt: row.checked_at,
        };
        if (!row.passed) entry.failingRules.push(row.rule);
        if (row.checked_at > entry.lastCheckedAt) {
          entry.lastCheckedAt = row.checked_at;
        }
        out.set(row.product, entry);
      }
    }
    for (const entry of out.values()) entry.failingRules.sort();
    return out;
  }

  /**
   * The products whose newest check of some rule failed, in ref order, at
   * most `limit` (and whether there were more).
   */
  async failingProducts(
    limit: number,
  ): Promise<{ products: string[]; truncated: boolean }> {
    const rows = await this.db(STATUS)
      .distinct('product')
      .where({ passed: false })
      .orderBy('product')
      .limit(limit + 1);
    const products = (rows as Array<{ product: string }>).map(r => r.product);
    return {
      products: products.slice(0, limit),
      truncated: products.length > limit,
    };
  }

  /**
   * Deletes runs, results and rule verdicts checked before `before` (ISO
   * time): a product not checked within the retention is `unknown` again.
   */
  async prune(before: string): Promise<number> {
    const results = await this.db(RESULTS)
      .where('checked_at', '<', before)
      .delete();
    const runs = await this.db(RUNS).where('checked_at', '<', before).delete();
    const status = await this.db(STATUS)
      .where('checked_at', '<', before)
      .delete();
    return Number(results) + Number(runs) + Number(status);
  }
}
