import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  dataMeshSamplesReadPermission,
  FailingProductsResponse,
  MAX_FAILING_PRODUCTS,
  MAX_QUALITY_SERIES_POINTS,
  parseIsoDuration,
  ProductQualityResponse,
  ProductsQualityStatusResponse,
  QualityRuleHistory,
} from '@kafka-mesh/plugin-data-mesh-common';
import express, { Router as ExpressRouter } from 'express';
import Router from 'express-promise-router';
import { findProduct, findProducts } from '../lib/findProduct';
import { parseProductRefs } from '../lib/parseEntityRefs';
import type { QualityStore } from './QualityStore';

export interface QualityRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: QualityStore;
  /** The default and oldest `since`: results are kept this long. */
  retentionMs: number;
  now?: () => number;
}

/**
 * `since` as an ISO time or an ISO duration back from now; by default (and
 * at the earliest) the start of the retention.
 */
export function parseSince(
  raw: unknown,
  now: number,
  retentionMs: number,
): string {
  const earliest = now - retentionMs;
  if (raw === undefined || raw === '') return new Date(earliest).toISOString();
  if (typeof raw !== 'string') throw new InputError('since must be a string');
  let at: number;
  if (raw.startsWith('P')) {
    try {
      at = now - parseIsoDuration(raw);
    } catch (error) {
      throw new InputError(`since: ${(error as Error).message}`);
    }
  } else {
    at = Date.parse(raw);
    if (Number.isNaN(at)) {
      throw new InputError(
        `since '${raw}' is neither an ISO time nor an ISO duration`,
      );
    }
  }
  return new Date(Math.max(at, earliest)).toISOString();
}

/**
 * The contract monitor's results: a product's rule histories (failing
 * examples for callers who may read samples; they are stored masked, so
 * no PII is ever served from here) and, for the discovery page, the
 * status of a batch of products. Reads the database only.
 */
export function createQualityRouter(
  options: QualityRouterOptions,
): ExpressRouter {
  const { httpAuth, permissions, catalog, store } = options;
  const now = options.now ?? Date.now;
  const router = Router();

  router.get('/products/:namespace/:name/quality', async (req, res) => {
    const since = parseSince(req.query.since, now(), options.retentionMs);
    const credentials = await httpAuth.credentials(req);
    const { ref } = await findProduct(
      catalog,
      credentials,
      req.params.namespace,
      req.params.name,
    );
    const [samples] = await permissions.authorize(
      [{ permission: dataMeshSamplesReadPermission, resourceRef: ref }],
      { credentials },
    );
    const examplesVisible = samples.result === AuthorizeResult.ALLOW;
    const [series, conformance] = await Promise.all([
      store.series(ref, since, MAX_QUALITY_SERIES_POINTS),
      store.conformance(ref, since),
    ]);
    const rules: QualityRuleHistory[] = series.map(s => {
      const last = s.points[s.points.length - 1];
      const passed = s.points.filter(p => p.passed).length;
      return {
        rule: s.rule,
        metric: s.metric,
        severity: s.severity,
        series: s.points.map(({ error: _error, ...point }) => point),
        passRate: s.points.length ? passed / s.points.length : null,
        ...(last && { lastCheck: last }),
        failingExamples: examplesVisible ? s.failingExamples : [],
      };
    });
    const body: ProductQualityResponse = {
      since,
      rules,
      conformance,
      examplesVisible,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.get('/quality-status/failing', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const failing = await store.failingProducts(MAX_FAILING_PRODUCTS);
    // Only products the caller may see are named.
    const visible = await findProducts(
      catalog,
      credentials,
      failing.products.map(ref => ({ requested: ref, ref })),
    );
    const body: FailingProductsResponse = {
      items: failing.products.filter(ref => visible.has(ref)),
      truncated: failing.truncated,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.post('/quality-status', express.json(), async (req, res) => {
    const refs = parseProductRefs(req.body);
    const credentials = await httpAuth.credentials(req);
    // Only products the caller may see are answered.
    const products = await findProducts(catalog, credentials, refs);
    const canonical = new Map(
      [...products].map(([requested, entity]) => [
        requested,
        stringifyEntityRef(entity),
      ]),
    );
    const status = await store.statusOf([...canonical.values()]);
    const body: ProductsQualityStatusResponse = {
      items: [...canonical].map(([entityRef, ref]) => {
        const found = status.get(ref);
        if (!found) return { entityRef, status: 'unknown', failingRules: [] };
        return {
          entityRef,
          status: found.failingRules.length ? 'failing' : 'ok',
          failingRules: found.failingRules,
          lastCheckedAt: found.lastCheckedAt,
        };
      }),
    };
    res.json(body);
  });

  return router;
}
