import Router from 'express-promise-router';
import type { Router as ExpressRouter } from 'express';
import type { CandidateStream } from '@kafka-mesh/plugin-data-mesh-common';
import type { IngestionErrors } from '../lib/IngestionErrors';
import type { DataProductProviderStatus } from '../providers/DataProductProvider';

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
  return router;
}
