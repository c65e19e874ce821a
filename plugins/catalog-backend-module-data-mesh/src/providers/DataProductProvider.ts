import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  createEffectiveSlaCalculator,
  DATA_PRODUCT_KIND,
  DataProductEntity,
  GovernanceRules,
  parseProductId,
  registryLocation,
  schemaSubjectOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import { createHash } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { IngestionErrors } from '../lib/IngestionErrors';
import { parseDescriptorRecord } from '../lib/parseDescriptorRecord';
import { ProductIndex } from '../lib/ProductIndex';
import { SchemaInspector } from '../lib/SchemaInspector';
import { toCatalogEntity } from '../lib/toCatalogEntity';
import { TopicInspector } from '../lib/TopicInspector';
import {
  RegistryRecord,
  RegistryTopicListener,
  RegistryTopicReader,
} from './RegistryTopicReader';

export interface DataProductProviderOptions {
  clusterName: string;
  registryTopic: string;
  kafka: Kafka;
  index: ProductIndex;
  topics: TopicInspector;
  schemas: SchemaInspector;
  errors: IngestionErrors;
  /** Which tiers have a minimum compatibility level to check. */
  governance: Pick<GovernanceRules, 'minCompatibility'>;
  logger: LoggerService;
  /** How soon facts that could not be read (an outage) are asked again. */
  unknownRetryMs?: number;
}

/** What the provider can say about itself, for the status endpoint. */
export interface DataProductProviderStatus {
  cluster: string;
  registryTopic: string;
  products: number;
  /** The first full read of the registry topic has reached the catalog. */
  ready: boolean;
  /** Since when Kafka has been unreachable; absent while connected. */
  staleSince?: string;
}

function refOfProductId(id: string): string {
  return stringifyEntityRef({ kind: DATA_PRODUCT_KIND, ...parseProductId(id) });
}

const digest = (entity: DataProductEntity) =>
  createHash('sha1').update(JSON.stringify(entity)).digest('hex');

/**
 * Publishes the products of one cluster's registry topic to the catalog: one
 * `full` mutation once the topic has been read, then a `delta` per batch of
 * new records, and a `delta` whenever the scheduled enrichment finds that
 * Kafka or the registry changed what a product looks like.
 */
export class DataProductProvider
  implements EntityProvider, RegistryTopicListener
{
  private connection?: EntityProviderConnection;
  private readonly reader: RegistryTopicReader;
  private readonly location: string;
  /** Entity ref → descriptor: the last complete state of the topic. */
  private current = new Map<string, DataProductEntity>();
  /** The state a pass builds until it has caught up. */
  private pending?: Map<string, DataProductEntity>;
  /** Entity ref → digest of the entity last given to the catalog. */
  private readonly emitted = new Map<string, string>();
  private ready = false;
  private staleSince?: Date;
  private retryTimer?: NodeJS.Timeout;
  /** When the current pass over the registry topic began, for the log. */
  private passStartedAt = performance.now();
  /** Mutations are applied one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: DataProductProviderOptions) {
    this.location = registryLocation(
      options.clusterName,
      options.registryTopic,
    );
    this.reader = new RegistryTopicReader({
      kafka: options.kafka,
      topic: options.registryTopic,
      logger: options.logger,
      listener: this,
    });
  }

  getProviderName(): string {
    return `data-mesh-products:${this.options.clusterName}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    void this.reader.run();
  }

  async stop(): Promise<void> {
    clearTimeout(this.retryTimer);
    await this.reader.stop();
    await this.queue;
  }

  status(): DataProductProviderStatus {
    return {
      cluster: this.options.clusterName,
      registryTopic: this.options.registryTopic,
      products: this.current.size,
      ready: this.ready,
      staleSince: this.staleSince?.toISOString(),
    };
  }

  onPassStart(): void {
    this.pending = new Map();
    this.passStartedAt = performance.now();
  }

  async onRecords(records: RegistryRecord[]): Promise<void> {
    const target = this.pending ?? this.current;
    const touched = new Set<string>();
    for (const record of records) {
      const ref = this.apply(record, target);
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
          this.options.clusterName
        } is reachable again after an outage since ${this.staleSince.toISOString()}`,
      );
    }
    this.staleSince = undefined;
    await this.serially(() => this.applyFull());
  }

  onOutage(error: Error): void {
    this.staleSince ??= new Date();
    this.options.logger.warn(
      `Kafka cluster ${this.options.clusterName} is unreachable (${error.message}); ` +
        `the catalog keeps the ${this.current.size} products last read and retries with backoff`,
    );
  }

  /** Re-reads topic and schema facts for every product (the schedule). */
  async refresh(): Promise<void> {
    await this.serially(async () => {
      // While Kafka is away the catalog keeps what it has; the next pass
      // after the outage re-reads everything anyway.
      if (!this.ready || this.staleSince) return;
      await this.emitChanged(new Set(this.current.keys()), new Set(), {
        refreshSchemas: true,
      });
    });
  }

  /** Folds one record into a state; the entity ref it changed, if any. */
  private apply(
    record: RegistryRecord,
    target: Map<string, DataProductEntity>,
  ): string | undefined {
    const parsed = parseDescriptorRecord(record.key, record.value);
    if (parsed.type === 'tombstone') {
      const ref = refOfProductId(parsed.id);
      target.delete(ref);
      return ref;
    }
    const clusterMismatch =
      parsed.type === 'upsert' &&
      parsed.entity.spec.output.cluster !== this.options.clusterName;
    if (parsed.type === 'invalid' || clusterMismatch) {
      const reason =
        parsed.type === 'invalid'
          ? parsed.reason
          : `spec.output.cluster: '${parsed.entity.spec.output.cluster}' is not the cluster whose registry topic holds the descriptor ('${this.options.clusterName}')`;
      this.options.errors.add({
        cluster: this.options.clusterName,
        topic: this.options.registryTopic,
        partition: record.partition,
        offset: record.offset,
        key: record.key?.toString('utf8'),
        reason,
        at: new Date().toISOString(),
      });
      this.options.logger.warn(
        `Skipped registry record ${this.options.registryTopic}[${record.partition}]@${record.offset}: ${reason}`,
      );
      return undefined;
    }
    const ref = stringifyEntityRef(parsed.entity);
    target.set(ref, parsed.entity);
    return ref;
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.queue
      .then(work)
      .catch(error =>
        this.options.logger.error(
          `Data product catalog update failed: ${error}`,
        ),
      );
    this.queue = next;
    return next;
  }

  private syncIndex(refs: Iterable<string>): void {
    for (const ref of refs) {
      const entity = this.current.get(ref);
      if (entity) this.options.index.set(entity);
      else this.options.index.delete(ref);
    }
  }

  private async applyFull(): Promise<void> {
    const caughtUpAt = performance.now();
    const gone = [...this.emitted.keys()].filter(ref => !this.current.has(ref));
    for (const ref of gone) this.options.index.delete(ref);
    this.syncIndex(this.current.keys());
    const entities = await this.build([...this.current.keys()], false);
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
    // Where a cold start's time goes, for operators and the benchmarks.
    const seconds = (from: number, to: number) =>
      `${((to - from) / 1000).toFixed(1)} s`;
    const appliedAt = performance.now();
    this.options.logger.info(
      `Read ${entities.length} data products from ${this.options.clusterName}/${
        this.options.registryTopic
      } in ${seconds(this.passStartedAt, appliedAt)}: registry topic ${seconds(
        this.passStartedAt,
        caughtUpAt,
      )}, topic and schema facts ${seconds(
        caughtUpAt,
        builtAt,
      )}, catalog write ${seconds(builtAt, appliedAt)}`,
    );
  }

  private async applyDelta(touched: Set<string>): Promise<void> {
    if (!this.ready) return;
    this.syncIndex(touched);
    const removed = new Set([...touched].filter(ref => !this.current.has(ref)));
    // The effective SLA of everything downstream may change with them.
    const affected = new Set(
      [...this.options.index.withDownstream(touched)].filter(ref =>
        this.current.has(ref),
      ),
    );
    await this.emitChanged(affected, removed, { refreshSchemas: false });
  }

  private async emitChanged(
    refs: Set<string>,
    removedRefs: Set<string>,
    { refreshSchemas }: { refreshSchemas: boolean },
  ): Promise<void> {
    const entities = await this.build([...refs], refreshSchemas);
    const added = entities.filter(
      entity => this.emitted.get(stringifyEntityRef(entity)) !== digest(entity),
    );
    const removed = [...removedRefs].filter(ref => this.emitted.has(ref));
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
    refs: string[],
    refreshSchemas: boolean,
  ): Promise<DataProductEntity[]> {
    const descriptors = refs.map(ref => this.current.get(ref)!);
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
