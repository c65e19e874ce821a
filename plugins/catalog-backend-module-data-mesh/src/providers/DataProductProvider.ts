import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  createEffectiveSlaCalculator,
  DataProductEntity,
  GovernanceRules,
  registryLocation,
  schemaSubjectOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  RegistryRecord,
  RegistryTopicCluster,
  RegistryTopicListener,
  RegistryTopicMissingError,
  RegistryTopicReader,
} from '@kafka-mesh/plugin-data-mesh-node';
import { createHash } from 'node:crypto';
import { CatalogWriteError } from '../lib/errors';
import { IngestionErrors } from '../lib/IngestionErrors';
import { ProductIndex } from '../lib/ProductIndex';
import { RegistryState, RejectedUpdate } from '../lib/RegistryState';
import { describeProblems } from '../lib/describeProblems';
import { SchemaInspector } from '../lib/SchemaInspector';
import { toCatalogEntity } from '../lib/toCatalogEntity';
import { TopicInspector } from '../lib/TopicInspector';

export interface DataProductProviderOptions {
  /** The cluster whose registry topic this provider reads. */
  cluster: RegistryTopicCluster;
  registryTopic: string;
  index: ProductIndex;
  topics: TopicInspector;
  schemas: SchemaInspector;
  errors: IngestionErrors;
  /** Which tiers have a minimum compatibility level to check. */
  governance: Pick<GovernanceRules, 'minCompatibility'>;
  logger: LoggerService;
  /** How soon facts that could not be read (an outage) are asked again. */
  unknownRetryMs?: number;
  /**
   * Backoff bounds for retrying a catalog write that failed (as a `full`
   * mutation), besides the next scheduled refresh, which retries it anyway.
   */
  writeRetry?: { minMs?: number; maxMs?: number };
  /** Backoff bounds of the registry topic reader (Kafka away, topic missing). */
  readerBackoff?: { minMs?: number; maxMs?: number };
}

/**
 * What the provider can say about itself, for the status endpoint.
 *
 * @public
 */
export interface DataProductProviderStatus {
  cluster: string;
  registryTopic: string;
  products: number;
  /** The first full read of the registry topic has reached the catalog. */
  ready: boolean;
  /** Since when Kafka has been unreachable; absent while connected. */
  staleSince?: string;
  /** What an operator should look at, in words; empty while all is well. */
  problems: string[];
  /**
   * Products whose newest record was rejected: the catalog keeps their last
   * valid descriptor, which compaction of the registry topic may remove.
   */
  productsAtRisk: RejectedUpdate[];
}

const digest = (entity: DataProductEntity) =>
  createHash('sha1').update(JSON.stringify(entity)).digest('hex');

/** Why a full mutation is written, for the log. */
type FullReason = 'pass' | 'refresh' | 'retry';

/**
 * Publishes the products of one cluster's registry topic to the catalog: one
 * `full` mutation once the topic has been read, then a `delta` per batch of
 * new records, and a `full` on every scheduled refresh (with topic and
 * schema facts read again). The refresh's `full` also restores what was
 * removed behind the provider's back (an entity deleted through the catalog
 * API while its descriptor is published) and repairs a write that failed;
 * a failed write is also retried with backoff before the next refresh.
 */
export class DataProductProvider
  implements EntityProvider, RegistryTopicListener
{
  private connection?: EntityProviderConnection;
  private readonly reader: RegistryTopicReader;
  private readonly location: string;
  /** The last complete state of the topic; absent until a pass caught up. */
  private current?: RegistryState;
  /** The state a pass builds until it has caught up. */
  private pending?: RegistryState;
  /** Entity ref → digest of the entity last given to the catalog. */
  private readonly emitted = new Map<string, string>();
  /** Refs this provider put in the shared index. */
  private readonly indexed = new Set<string>();
  private ready = false;
  private staleSince?: Date;
  private topicMissing?: RegistryTopicMissingError;
  /** The catalog may not hold what `emitted` says: the next write is a `full`. */
  private needsFull = false;
  private writeFailure?: { at: Date; error: CatalogWriteError };
  private writeRetryDelayMs: number;
  private writeRetryTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  /** When the current pass over the registry topic began, for the log. */
  private passStartedAt = performance.now();
  /** Mutations are applied one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: DataProductProviderOptions) {
    this.location = registryLocation(
      options.cluster.name,
      options.registryTopic,
    );
    this.writeRetryDelayMs = options.writeRetry?.minMs ?? 1_000;
    this.reader = new RegistryTopicReader({
      cluster: options.cluster,
      topic: options.registryTopic,
      logger: options.logger,
      listener: this,
      minBackoffMs: options.readerBackoff?.minMs,
      maxBackoffMs: options.readerBackoff?.maxMs,
    });
  }

  getProviderName(): string {
    return `data-mesh-products:${this.options.cluster.name}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    void this.reader.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.writeRetryTimer);
    await this.reader.stop();
    await this.queue;
  }

  status(): DataProductProviderStatus {
    const productsAtRisk = this.current?.rejectedUpdates() ?? [];
    return {
      cluster: this.options.cluster.name,
      registryTopic: this.options.registryTopic,
      products: this.current?.size ?? 0,
      ready: this.ready,
      staleSince: this.staleSince?.toISOString(),
      problems: describeProblems({
        cluster: this.options.cluster.name,
        registryTopic: this.options.registryTopic,
        products: this.current?.size,
        topicMissing: !!this.topicMissing,
        writeFailure: this.writeFailure && {
          at: this.writeFailure.at,
          message: this.writeFailure.error.message,
        },
        productsAtRisk: productsAtRisk.map(p => p.product),
      }),
      productsAtRisk,
    };
  }

  onPassStart(): void {
    this.pending = new RegistryState(this.options.cluster.name);
    this.topicMissing = undefined;
    this.passStartedAt = performance.now();
  }

  async onRecords(records: RegistryRecord[]): Promise<void> {
    const state = this.pending ?? this.current!;
    const touched = new Set<string>();
    for (const record of records) {
      const ref = this.apply(record, state);
      if (ref) touched.add(ref);
    }
    if (!this.pending && touched.size) {
      await this.serially(() => this.applyDelta(touched));
    }
  }

  async onCaughtUp(): Promise<void> {
    this.current = this.pending ?? this.current;
    this.pending = undefined;
    if (this.staleSince) {
      this.options.logger.info(
        `Kafka cluster ${
          this.options.cluster.name
        } is reachable again after an outage since ${this.staleSince.toISOString()}`,
      );
    }
    this.staleSince = undefined;
    await this.serially(() => this.applyFull('pass'));
  }

  onOutage(error: Error): void {
    this.staleSince ??= new Date();
    this.options.logger.warn(
      `Kafka cluster ${this.options.cluster.name} is unreachable (${error.message}); ` +
        `the catalog keeps the ${
          this.current?.size ?? 0
        } products last read and retries with backoff`,
    );
  }

  onRegistryTopicMissing(error: RegistryTopicMissingError): void {
    // Kafka answered, so this is no outage; what the catalog holds stays.
    this.staleSince = undefined;
    this.topicMissing = error;
    this.options.logger.warn(
      `${error.message}; the catalog does not create it and keeps the products it has ` +
        `(check dataMesh.registryTopic; publishing a product creates the topic)`,
    );
  }

  /**
   * Re-reads topic and schema facts for every product and gives the catalog
   * the whole set (the schedule).
   */
  async refresh(): Promise<void> {
    await this.serially(async () => {
      // While Kafka is away the catalog keeps what it has; the next pass
      // after the outage re-reads everything anyway.
      if (!this.current || this.staleSince) return;
      await this.applyFull('refresh');
    });
  }

  /** Folds one record into a state; the entity ref it changed, if any. */
  private apply(record: RegistryRecord, state: RegistryState) {
    const outcome = state.apply(record);
    if (outcome.type === 'applied') return outcome.ref;
    this.options.errors.add({
      cluster: this.options.cluster.name,
      topic: this.options.registryTopic,
      partition: record.partition,
      offset: record.offset,
      key: record.key?.toString('utf8'),
      reason: outcome.reason,
      at: new Date().toISOString(),
    });
    this.options.logger.warn(
      `Skipped registry record ${this.options.registryTopic}[${record.partition}]@${record.offset}: ${outcome.reason}`,
    );
    return undefined;
  }

  /**
   * Runs catalog writes one at a time. A write that fails leaves the catalog
   * in a state the provider does not know, so it is followed by a `full`.
   */
  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work).catch(error => this.writeFailed(error));
    this.queue = next;
    return next;
  }

  private writeFailed(cause: unknown): void {
    const error = new CatalogWriteError(
      `Data product catalog update for Kafka cluster ${this.options.cluster.name} failed`,
      cause,
    );
    this.needsFull = true;
    this.writeFailure = { at: new Date(), error };
    if (this.stopped) return;
    const delay = this.writeRetryDelayMs;
    this.writeRetryDelayMs = Math.min(
      delay * 2,
      this.options.writeRetry?.maxMs ?? 60_000,
    );
    this.options.logger.error(
      `${error.message}; writing all products again in ${(delay / 1000).toFixed(
        1,
      )} s or at the next refresh`,
    );
    clearTimeout(this.writeRetryTimer);
    this.writeRetryTimer = setTimeout(() => {
      this.writeRetryTimer = undefined;
      void this.serially(async () => {
        // A refresh or a new pass may have repaired it meanwhile; during an
        // outage the pass after it writes everything.
        if (!this.needsFull || !this.current || this.staleSince) return;
        await this.applyFull('retry');
      });
    }, delay);
    this.writeRetryTimer.unref();
  }

  /** Makes the shared index hold exactly this cluster's current products. */
  private syncIndex(state: RegistryState, refs: Iterable<string>): void {
    for (const ref of refs) {
      const entity = state.get(ref);
      if (entity) {
        this.options.index.set(entity);
        this.indexed.add(ref);
      } else if (this.indexed.delete(ref)) {
        this.options.index.delete(ref);
      }
    }
  }

  private async applyFull(reason: FullReason): Promise<void> {
    const state = this.current!;
    const caughtUpAt = performance.now();
    this.syncIndex(state, [...this.indexed, ...state.refs()]);
    const entities = await this.build(
      state,
      state.refs(),
      reason === 'refresh',
    );
    const builtAt = performance.now();
    await this.connection!.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.location,
      })),
    });
    this.emitted.clear();
    for (const entity of entities) {
      this.emitted.set(stringifyEntityRef(entity), digest(entity));
    }
    this.ready = true;
    this.needsFull = false;
    this.writeRetryDelayMs = this.options.writeRetry?.minMs ?? 1_000;
    clearTimeout(this.writeRetryTimer);
    this.writeRetryTimer = undefined;
    if (this.writeFailure) {
      this.options.logger.info(
        `Data products of Kafka cluster ${
          this.options.cluster.name
        } written to the catalog again after a failed update at ${this.writeFailure.at.toISOString()}`,
      );
      this.writeFailure = undefined;
    }
    if (reason !== 'pass') return;
    // Where a cold start's time goes, for operators and the benchmarks.
    const seconds = (from: number, to: number) =>
      `${((to - from) / 1000).toFixed(1)} s`;
    const appliedAt = performance.now();
    this.options.logger.info(
      `Read ${entities.length} data products from ${
        this.options.cluster.name
      }/${this.options.registryTopic} in ${seconds(
        this.passStartedAt,
        appliedAt,
      )}: registry topic ${seconds(
        this.passStartedAt,
        caughtUpAt,
      )}, topic and schema facts ${seconds(
        caughtUpAt,
        builtAt,
      )}, catalog write ${seconds(builtAt, appliedAt)}`,
    );
  }

  private async applyDelta(touched: Set<string>): Promise<void> {
    // After a failed write only a `full` says for sure what the catalog holds.
    if (!this.ready || this.needsFull) {
      await this.applyFull('retry');
      return;
    }
    const state = this.current!;
    this.syncIndex(state, touched);
    const removedRefs = [...touched].filter(ref => !state.has(ref));
    // The effective SLA of everything downstream may change with them.
    const affected = [...this.options.index.withDownstream(touched)].filter(
      ref => state.has(ref),
    );
    const entities = await this.build(state, affected, false);
    const added = entities.filter(
      entity => this.emitted.get(stringifyEntityRef(entity)) !== digest(entity),
    );
    const removed = removedRefs.filter(ref => this.emitted.has(ref));
    if (added.length === 0 && removed.length === 0) return;
    await this.connection!.applyMutation({
      type: 'delta',
      added: added.map(entity => ({ entity, locationKey: this.location })),
      removed: removed.map(entityRef => ({
        entityRef,
        locationKey: this.location,
      })),
    });
    for (const entity of added) {
      this.emitted.set(stringifyEntityRef(entity), digest(entity));
    }
    for (const ref of removed) this.emitted.delete(ref);
  }

  /** Catalog entities for the given products, with observed facts. */
  private async build(
    state: RegistryState,
    refs: string[],
    refreshSchemas: boolean,
  ): Promise<DataProductEntity[]> {
    const descriptors = refs.map(ref => state.get(ref)!);
    // Only the governance check reads the level, and only for tiers with a minimum.
    const levelWanted = new Set(
      descriptors
        .filter(
          d =>
            this.options.governance.minCompatibility[d.spec.sla.tier] !==
            undefined,
        )
        .map(schemaSubjectOf),
    );
    const [topics, schemas] = await Promise.all([
      this.options.topics.describe(descriptors.map(d => d.spec.output.topic)),
      this.options.schemas.describe(descriptors.map(schemaSubjectOf), {
        refresh: refreshSchemas,
        withLevel: subject => levelWanted.has(subject),
      }),
    ]);
    const effectiveSla = createEffectiveSlaCalculator(ref =>
      this.options.index.get(ref),
    );
    const entities = descriptors.map(descriptor =>
      toCatalogEntity(descriptor, this.location, {
        topic: topics.get(descriptor.spec.output.topic)!,
        schema: schemas.get(schemaSubjectOf(descriptor))!,
        sla: effectiveSla(stringifyEntityRef(descriptor)),
      }),
    );
    const unknownTopics = entities.filter(
      e => e.spec.observed?.topic.status === 'unknown',
    ).length;
    const unknownSchemas = entities.filter(
      e => e.spec.observed?.schema.status === 'unknown',
    ).length;
    if (unknownTopics || unknownSchemas) {
      this.options.logger.warn(
        `Could not read the topic of ${unknownTopics} and the schema of ${unknownSchemas} of ${entities.length} data products; asking again soon`,
      );
      this.scheduleRetry();
    }
    return entities;
  }

  /** Facts that could not be read are asked again soon, not at the next schedule. */
  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.refresh();
    }, this.options.unknownRetryMs ?? 10_000);
    this.retryTimer.unref();
  }
}
