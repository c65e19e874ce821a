import type {
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DATA_PRODUCT_KIND,
  isDataProductEntity,
  ProductRootCause,
  schemaSubjectOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { KafkaService } from '@kafka-mesh/plugin-data-mesh-node';
import type { Router } from 'express';
import type { ComponentIndex } from '../lib/ComponentIndex';
import { readConsumerLag } from '../lib/consumerLag';
import type { WireDecoder } from '../lib/decodeValue';
import { piiPathsOf } from '../lib/maskPiiPaths';
import { latestSchemaFields, Remember } from '../lib/maskPiiSchema';
import { readProductHealth } from '../lib/productHealth';
import { findRootCause } from '../lib/rootCause';
import { createRootCauseSources } from '../lib/rootCauseSources';
import type { SchemaService } from '../lib/SchemaService';
import {
  ContractMonitor,
  MonitoredProduct,
  MonitorLimits,
} from './ContractMonitor';
import { QualityNotifier } from './QualityNotifier';
import { QualityStore } from './QualityStore';
import type { MonitorConfig } from './readMonitorConfig';
import { createQualityRouter } from './router';

/** The scheduled task of the contract monitor. */
export const MONITOR_TASK_ID = 'data-mesh-contract-monitor';

/** Products per catalog page. */
const PAGE_SIZE = 500;

/** How long the schema's PII markings are reused for masking examples. */
const SCHEMA_FIELDS_TTL_MS = 10 * 60_000;

/** Only what the monitor needs of each product. */
const PRODUCT_FIELDS = [
  'kind',
  'apiVersion',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
  'spec.output',
  'spec.qualityRules',
  'spec.piiFields',
];

/**
 * Every DataProduct in the catalog, a page at a time with only the fields
 * the monitor reads, as the backend itself.
 */
export async function listMonitoredProducts(
  catalog: CatalogService,
  auth: AuthService,
): Promise<MonitoredProduct[]> {
  const credentials = await auth.getOwnServiceCredentials();
  const products: MonitoredProduct[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, fields: PRODUCT_FIELDS }
        : {
            filter: { kind: DATA_PRODUCT_KIND },
            fields: PRODUCT_FIELDS,
            limit: PAGE_SIZE,
          },
      { credentials },
    );
    for (const entity of page.items) {
      const spec = entity.spec as any;
      if (!spec?.output?.cluster || !spec?.output?.topic) continue;
      products.push({
        ref: stringifyEntityRef(entity),
        owner: String(spec.owner ?? ''),
        cluster: spec.output.cluster,
        topic: spec.output.topic,
        rules: Array.isArray(spec.qualityRules) ? spec.qualityRules : [],
        piiFields: Array.isArray(spec.piiFields) ? spec.piiFields : [],
        subject: isDataProductEntity(entity)
          ? schemaSubjectOf(entity)
          : `${spec.output.topic}-value`,
      });
    }
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return products;
}

export interface MonitorOptions {
  config: MonitorConfig;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auth: AuthService;
  catalog: CatalogService;
  notifications: NotificationService;
  kafka: KafkaService;
  schemas: SchemaService;
  decode: WireDecoder;
  /** Who reads which group, for the root cause of a stale product. */
  components: ComponentIndex;
  /** The live views' bounds, for the root cause walk's reads. */
  callTimeoutMs: number;
  tailDeadlineMs: number;
  limits?: Partial<MonitorLimits>;
}

/**
 * The root cause of a stale product as its notices tell it: the same walk
 * as the health route, in the backend's own view of the catalog, reading
 * Kafka directly (a notice is rare; the live views' cache is the router's).
 */
function rootCauseFinder(options: MonitorOptions) {
  const { catalog, auth, kafka } = options;
  return async (ref: string): Promise<ProductRootCause | undefined> => {
    const credentials = await auth.getOwnServiceCredentials();
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (
      !entity ||
      !isDataProductEntity(entity) ||
      !entity.spec.inputs?.length
    ) {
      return undefined;
    }
    return findRootCause(
      entity,
      createRootCauseSources({
        catalog,
        credentials,
        components: options.components,
        health: product =>
          readProductHealth(
            kafka.cluster(product.spec.output.cluster),
            product.spec.output.topic,
            product.spec.sla.freshness,
            {
              tailDeadlineMs: options.tailDeadlineMs,
              connectTimeoutMs: options.callTimeoutMs,
            },
          ),
        consumerLag: (cluster, topic, ownerOf) =>
          readConsumerLag(kafka.cluster(cluster), topic, ownerOf),
      }),
    );
  };
}

/** A small in-memory Remember with a TTL, for the task's own lookups. */
function rememberFor(ttlMs: number): Remember {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return <T>(key: string, load: () => Promise<T>) => {
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = load();
    entries.set(key, { at: Date.now(), value });
    value.catch(() => entries.delete(key));
    return value;
  };
}

/**
 * Puts the contract monitor together: its tables, the monitor as a
 * scheduled task (one replica at a time) and the routes.
 */
export async function createMonitor(
  options: MonitorOptions,
): Promise<{ router: Router; monitor: ContractMonitor; store: QualityStore }> {
  const { config, logger } = options;
  const store = await QualityStore.create(options);
  const notifier = new QualityNotifier({
    ...options,
    rootCauseOf: rootCauseFinder(options),
  });
  const remember = rememberFor(SCHEMA_FIELDS_TTL_MS);
  const monitor = new ContractMonitor({
    store,
    listProducts: () => listMonitoredProducts(options.catalog, options.auth),
    kafka: options.kafka,
    decode: options.decode,
    // The samples' masking: the descriptor's piiFields and the schema's
    // own markings.
    maskPathsOf: async product => {
      const fields = await latestSchemaFields(
        options.schemas,
        product.subject,
        product.piiFields,
        remember,
      );
      return piiPathsOf(product.piiFields, fields).mask;
    },
    notify: notice => notifier.notify(notice),
    logger,
    retentionMs: config.retentionMs,
    limits: {
      maxRecordsPerProduct: config.maxRecordsPerProduct,
      maxRecordsPerRun: config.maxRecordsPerRun,
      ...options.limits,
    },
  });

  await options.scheduler.scheduleTask({
    id: MONITOR_TASK_ID,
    frequency: { milliseconds: config.frequencyMs },
    // A run reads a bounded number of records; a stuck one ends in time
    // for the next.
    timeout: { milliseconds: Math.max(config.frequencyMs * 5, 60_000) },
    initialDelay: { seconds: 10 },
    fn: async () => {
      const summary = await monitor.run();
      logger.info(
        `Contract monitor: ${summary.checked}/${summary.products} products checked, ${summary.records} records (${summary.nonconforming} nonconforming), ${summary.deferred} deferred, ${summary.failed} failed, ${summary.newlyFailing} rules newly failing`,
      );
    },
  });

  return {
    router: createQualityRouter({
      httpAuth: options.httpAuth,
      permissions: options.permissions,
      catalog: options.catalog,
      store,
      retentionMs: config.retentionMs,
    }),
    monitor,
    store,
  };
}
