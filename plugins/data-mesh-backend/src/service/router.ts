import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  CacheService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  dataMeshPiiReadPermission,
  dataMeshSamplesReadPermission,
  dataMeshSyntheticReadPermission,
  DataProductEntity,
  GovernanceRules,
  GovernanceRulesResponse,
  ProductConsumersResponse,
  ProductHealthResponse,
  ProductSamplesResponse,
  ProductsFreshnessResponse,
  SyntheticRecordsResponse,
  schemaSubjectOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  DEFAULT_SYNTHETIC_SEED,
  generateSyntheticRecordsAsync,
  MAX_SYNTHETIC_RECORDS,
  toJsonSafe,
  KafkaService,
} from '@kafka-mesh/plugin-data-mesh-node';
import express, { Request, Router as ExpressRouter } from 'express';
import Router from 'express-promise-router';
import type { ComponentIndex } from '../lib/ComponentIndex';
import { readConsumerLag } from '../lib/consumerLag';
import type { WireDecoder } from '../lib/decodeValue';
import { findProduct, findProducts } from '../lib/findProduct';
import { InFlight } from '../lib/InFlight';
import { piiPathsOf } from '../lib/maskPiiPaths';
import { latestSchemaFields } from '../lib/maskPiiSchema';
import { parseProductRefs } from '../lib/parseEntityRefs';
import { parseBoundedInteger, parseLimit } from '../lib/parseLimit';
import { readProductHealth } from '../lib/productHealth';
import { findRootCause } from '../lib/rootCause';
import { createRootCauseSources } from '../lib/rootCauseSources';
import { ProductsFreshness } from '../lib/productsFreshness';
import { readSamples } from '../lib/readSamples';
import type { RequestLimits } from '../lib/requestLimits';
import { parseVersion, SchemaService } from '../lib/SchemaService';
import { upstreamErrorHandler } from './errors';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  cache: CacheService;
  schemas: SchemaService;
  kafka: KafkaService;
  components: ComponentIndex;
  /** Decodes a wire-format value through the registry, bounded in time. */
  decode: WireDecoder;
  /** Configured secrets that no response may contain. */
  secrets: readonly string[];
  /** How long one Kafka call may take. */
  callTimeoutMs: number;
  /** How long to wait for records when reading the end of a topic. */
  tailDeadlineMs: number;
  /** How long health, freshness and consumer answers are reused. */
  liveCacheTtlMs: number;
  /** `dataMesh.governance`, read once at startup. */
  governance: GovernanceRules;
  /** Caps on concurrent Kafka reads and synthetic generations. */
  limits: RequestLimits;
}

/** Synthetic records per request when the query does not say. */
const DEFAULT_SYNTHETIC_COUNT = 20;

/** The data mesh REST API, mounted at `/api/data-mesh`. */
export function createRouter(options: RouterOptions): ExpressRouter {
  const { httpAuth, permissions, catalog, cache, schemas, kafka, limits } =
    options;
  const router = Router();

  const product = async (req: Request) => {
    const credentials = await httpAuth.credentials(req);
    const found = await findProduct(
      catalog,
      credentials,
      req.params.namespace,
      req.params.name,
    );
    return { ...found, credentials };
  };
  const piiFieldsOf = (entity: DataProductEntity) =>
    entity.spec.piiFields ?? [];

  /** Reuses a recent answer for a few seconds: live views are polled. */
  async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = await cache.get(key).catch(() => undefined);
    if (hit !== undefined) return hit as T;
    const value = await load();
    await cache
      .set(key, value as any, { ttl: options.liveCacheTtlMs })
      .catch(() => undefined);
    return value;
  }

  const inFlight = new InFlight();
  /**
   * A read of a Kafka cluster for a live view, bounded: an identical read
   * under way is shared, a recent answer reused (unless `cache` is false,
   * for answers that must not be kept); otherwise it takes one of the
   * cluster's read places, and is refused with 429 when none is free. The
   * key names everything the answer depends on.
   */
  const liveRead = <T>(
    cluster: string,
    key: string,
    read: () => Promise<T>,
    { cache: reuse = true }: { cache?: boolean } = {},
  ): Promise<T> => {
    const gated = () => limits.kafkaReads.run(cluster, read);
    // Shared around the cache too, so that a second request arriving
    // while the first stores its answer does not read again.
    return inFlight.share(key, () => (reuse ? cached(key, gated) : gated()));
  };

  const productsFreshness = new ProductsFreshness({
    kafka,
    cache,
    ttlMs: options.liveCacheTtlMs,
    tailDeadlineMs: options.tailDeadlineMs,
    connectTimeoutMs: options.callTimeoutMs,
  });

  router.post('/freshness', express.json(), async (req, res) => {
    const refs = parseProductRefs(req.body);
    const credentials = await httpAuth.credentials(req);
    const products = await findProducts(catalog, credentials, refs);
    // ProductsFreshness shares and caches each topic's read itself; the
    // request as a whole shares identical requests and takes a read place
    // on every cluster it may read.
    const wanted = [...products]
      .map(([key, { spec }]) =>
        [key, spec.output.cluster, spec.output.topic, spec.sla.freshness].join(
          '\u0000',
        ),
      )
      .sort();
    const clusters = new Set(
      [...products.values()].map(p => p.spec.output.cluster),
    );
    const body: ProductsFreshnessResponse = {
      items: await inFlight.share(`freshness:${wanted.join('\u0001')}`, () =>
        limits.kafkaReads.runAll(clusters, () =>
          productsFreshness.read(products),
        ),
      ),
    };
    res.json(body);
  });

  router.get('/governance', (_req, res) => {
    const body: GovernanceRulesResponse = { rules: options.governance };
    res.json(body);
  });

  router.get('/products/:namespace/:name/schema/versions', async (req, res) => {
    const { entity } = await product(req);
    res.json(await schemas.versions(schemaSubjectOf(entity)));
  });

  router.get(
    '/products/:namespace/:name/schema/versions/:version',
    async (req, res) => {
      const version = parseVersion(req.params.version, true);
      const { entity } = await product(req);
      res.json(
        await schemas.version(
          schemaSubjectOf(entity),
          version,
          piiFieldsOf(entity),
        ),
      );
    },
  );

  router.get('/products/:namespace/:name/schema/diff', async (req, res) => {
    const from = parseVersion(req.query.from, true);
    const to = parseVersion(req.query.to, true);
    const { entity } = await product(req);
    res.json(
      await schemas.diff(
        schemaSubjectOf(entity),
        from,
        to,
        piiFieldsOf(entity),
      ),
    );
  });

  /** A product's health, shared and cached per topic like every live read. */
  const healthOf = (entity: DataProductEntity) => {
    const { cluster, topic } = entity.spec.output;
    const freshness = entity.spec.sla.freshness;
    return liveRead<ProductHealthResponse>(
      cluster,
      `health:${cluster}/${topic}:${freshness}`,
      () =>
        readProductHealth(kafka.cluster(cluster), topic, freshness, {
          tailDeadlineMs: options.tailDeadlineMs,
          connectTimeoutMs: options.callTimeoutMs,
        }),
    );
  };

  /** The live walk upstream of a breached product, as the caller sees the catalog. */
  const rootCauseSources = (
    credentials: Awaited<ReturnType<typeof httpAuth.credentials>>,
  ) =>
    createRootCauseSources({
      catalog,
      credentials,
      components: options.components,
      health: healthOf,
      consumerLag: (cluster, topic, ownerOf) =>
        liveRead<ProductConsumersResponse>(
          cluster,
          `consumers:${cluster}/${topic}`,
          () => readConsumerLag(kafka.cluster(cluster), topic, ownerOf),
        ),
    });

  router.get('/products/:namespace/:name/health', async (req, res) => {
    const { entity, credentials } = await product(req);
    const health = await healthOf(entity);
    if (health.freshness.status !== 'breached' || !entity.spec.inputs?.length) {
      res.json(health);
      return;
    }
    const rootCause = await findRootCause(
      entity,
      rootCauseSources(credentials),
    ).catch(error => {
      options.logger.warn(
        `Could not walk the inputs of ${stringifyEntityRef(entity)}: ${error}`,
      );
      return undefined;
    });
    res.json(rootCause ? { ...health, rootCause } : health);
  });

  router.get('/products/:namespace/:name/consumers', async (req, res) => {
    const { entity } = await product(req);
    const { cluster, topic } = entity.spec.output;
    const consumers = await liveRead<ProductConsumersResponse>(
      cluster,
      `consumers:${cluster}/${topic}`,
      async () => {
        const ownerOf = await options.components
          .forCluster(cluster)
          .catch(error => {
            // Lag is still worth showing without the component links.
            options.logger.warn(
              `Could not read consumer group annotations from the catalog: ${error}`,
            );
            return () => undefined;
          });
        return readConsumerLag(kafka.cluster(cluster), topic, ownerOf);
      },
    );
    res.json(consumers);
  });

  router.get('/products/:namespace/:name/samples', async (req, res) => {
    const limit = parseLimit(req.query.limit);
    const { entity, ref, credentials } = await product(req);
    const [samples, pii] = await permissions.authorize(
      [
        { permission: dataMeshSamplesReadPermission, resourceRef: ref },
        { permission: dataMeshPiiReadPermission, resourceRef: ref },
      ],
      { credentials },
    );
    if (samples.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not read samples of ${ref}`);
    }
    const piiVisible = pii.result === AuthorizeResult.ALLOW;
    // Personal is what the descriptor lists and what the schema marks (the
    // Schema tab's PII badges); a marking the descriptor misses is masked
    // all the same and reported, for every reader, since it is a finding
    // about the schema, not data. Owners see it to fix the descriptor.
    const personal = piiPathsOf(
      piiFieldsOf(entity),
      await latestSchemaFields(
        schemas,
        schemaSubjectOf(entity),
        piiFieldsOf(entity),
        cached,
      ),
    );
    const { cluster, topic } = entity.spec.output;
    const mask = piiVisible ? [] : personal.mask;
    // The mask is part of the key: only callers who see the same masking
    // share a read. Samples are never cached, only shared while in flight.
    const records = await liveRead(
      cluster,
      `samples:${cluster}/${topic}:${limit}:${mask.join(',')}`,
      () =>
        readSamples(kafka.cluster(cluster), topic, {
          limit,
          mask,
          decode: options.decode,
          tailDeadlineMs: options.tailDeadlineMs,
          connectTimeoutMs: options.callTimeoutMs,
        }),
      { cache: false },
    );
    const body: ProductSamplesResponse = {
      records,
      piiVisible,
      unlistedPiiFields: personal.unlisted,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.get('/products/:namespace/:name/synthetic', async (req, res) => {
    const count = parseBoundedInteger(req.query.count, 'count', {
      max: MAX_SYNTHETIC_RECORDS,
      fallback: DEFAULT_SYNTHETIC_COUNT,
    });
    const seed = parseBoundedInteger(req.query.seed, 'seed', {
      min: 0,
      max: 2 ** 31 - 1,
      fallback: DEFAULT_SYNTHETIC_SEED,
    });
    const { entity, ref, credentials } = await product(req);
    const [decision] = await permissions.authorize(
      [{ permission: dataMeshSyntheticReadPermission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not generate synthetic records of ${ref}`,
      );
    }
    // The registered schema type decides the format, as for decoding.
    const latest = await schemas.version(schemaSubjectOf(entity), 'latest');
    // The generator refuses a schema or count beyond its limits (400)
    // before generating; what is within them still takes CPU, so only a
    // few run at once (429 beyond), each yielding to other requests.
    const generated = await limits.synthetic.run('', () =>
      generateSyntheticRecordsAsync({
        format: latest.format,
        schema: latest.schema,
        count,
        seed,
        piiFields: piiFieldsOf(entity),
      }),
    );
    const records = generated.map(
      record => toJsonSafe(record) as Record<string, unknown>,
    );
    if (req.query.download === '1') {
      // A file of the records themselves, ready to use as fixtures.
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${entity.metadata.name}-synthetic.json"`,
      );
      res.type('application/json').send(JSON.stringify(records, null, 2));
      return;
    }
    const body: SyntheticRecordsResponse = { records };
    res.json(body);
  });

  router.use(upstreamErrorHandler(options.secrets));
  return router;
}
