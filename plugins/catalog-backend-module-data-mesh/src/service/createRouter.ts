import { ServiceUnavailableError } from '@backstage/errors';
import Router from 'express-promise-router';
import type { ErrorRequestHandler, Router as ExpressRouter } from 'express';
import type { CandidateStream } from '@kafka-mesh/plugin-data-mesh-common';
import type { IngestionErrors } from '../lib/IngestionErrors';
import type { DataProductProviderStatus } from '../providers/DataProductProvider';

/** Seconds a client should wait before asking again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

export interface DataMeshCatalogRouterOptions {
  status: () => DataProductProviderStatus[];
  errors: IngestionErrors;
  candidates: () => Promise<CandidateStream[]>;
}

/**
 * Read-only views of the provider for the portal and for operators, mounted
 * in the catalog plugin under `/data-mesh` (so `/api/catalog/data-mesh/…`).
 * Behind the catalog's auth like every catalog route.
 */
export function createRouter(
  options: DataMeshCatalogRouterOptions,
): ExpressRouter {
  const router = Router();
  router.get('/data-mesh/status', (_req, res) => {
    res.json({ clusters: options.status() });
  });
  router.get('/data-mesh/ingestion-errors', (_req, res) => {
    res.json({ items: options.errors.list() });
  });
  router.get('/data-mesh/candidate-streams', async (_req, res) => {
    res.json({ items: await options.candidates() });
  });
  // Kafka or the registry away (KafkaUnavailableError, RegistryUnavailableError
  // and the like): 503 with Retry-After, as the backend plugin answers it.
  // Backstage's error handler, after this one, writes the answer.
  const retryAfter: ErrorRequestHandler = (error, _req, res, next) => {
    if (error instanceof ServiceUnavailableError && !res.headersSent) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    next(error);
  };
  router.use(retryAfter);
  return router;
}
