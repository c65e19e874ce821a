import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DATA_PRODUCT_KIND,
  PublishProductResponse,
  DeprecateProductResponse,
  UnpublishProductResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { DataProductWriter } from '@kafka-mesh/plugin-data-mesh-node';
import express, { Request, Router as ExpressRouter } from 'express';
import Router from 'express-promise-router';
import { upstreamErrorHandler } from './errors';

/** A descriptor is a few kilobytes; anything near this is not one. */
const BODY_LIMIT = '256kb';
const MAX_TEXT = 2000;

export interface ProductWriteRouterOptions {
  httpAuth: HttpAuthService;
  writer: DataProductWriter;
  /** Configured secrets that no response may contain. */
  secrets: readonly string[];
}

/** A flag from the query string: `true` or absent. */
function flag(req: Request, name: string): boolean {
  const value = req.query[name];
  if (value === undefined) return false;
  if (value === 'true') return true;
  throw new InputError(`${name} must be true or absent`);
}

/** A string field of the body, bounded, or undefined when optional. */
function text(body: any, name: string, required: boolean): string | undefined {
  const value = body?.[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length > MAX_TEXT) {
    throw new InputError(
      `${name} must be a string of at most ${MAX_TEXT} characters`,
    );
  }
  return value;
}

/**
 * The write side of the REST API, for the CLI and CI pipelines of product
 * teams: the same writer, barrier and ownership checks as the scaffolder's
 * actions. Callers authenticate with a Backstage token: a user's, or a
 * static external-access token that `dataMesh.permissions.externalAccess`
 * lets act for its team.
 *
 * - `PUT /products/:namespace/:name` publishes or updates (body: the
 *   descriptor; `?acknowledgeSlaAboveInputs=true`, `?dryRun=true`)
 * - `POST /products/:namespace/:name/deprecate` (body: sunset, reason,
 *   replacement)
 * - `DELETE /products/:namespace/:name` unpublishes (`?dryRun=true`)
 */
export function createProductWriteRouter(
  options: ProductWriteRouterOptions,
): ExpressRouter {
  const { httpAuth, writer } = options;
  const router = Router();
  router.use('/products', express.json({ limit: BODY_LIMIT }));

  const caller = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const refOf = (req: Request) =>
    stringifyEntityRef({
      kind: DATA_PRODUCT_KIND,
      namespace: req.params.namespace,
      name: req.params.name,
    });

  router.put('/products/:namespace/:name', async (req, res) => {
    const credentials = await caller(req);
    const descriptor = req.body;
    const metadata = descriptor?.metadata;
    if (
      typeof metadata !== 'object' ||
      metadata.name !== req.params.name ||
      (metadata.namespace ?? 'default') !== req.params.namespace
    ) {
      throw new InputError(
        `The body must be the DataProduct descriptor of ${refOf(
          req,
        )} (metadata.name and metadata.namespace as in the path)`,
      );
    }
    const result = await writer.publish(
      {
        descriptor,
        acknowledgeSlaAboveInputs: flag(req, 'acknowledgeSlaAboveInputs'),
      },
      { credentials, dryRun: flag(req, 'dryRun') },
    );
    const body: PublishProductResponse = {
      entityRef: result.entityRef,
      entityPath: result.entityPath,
      updated: result.updated,
      effectiveSla: result.effectiveSla,
      slaWarnings: result.slaWarnings,
    };
    res.status(result.updated ? 200 : 201).json(body);
  });

  router.post('/products/:namespace/:name/deprecate', async (req, res) => {
    const credentials = await caller(req);
    const result = await writer.deprecate(
      {
        entityRef: refOf(req),
        sunset: text(req.body, 'sunset', true)!,
        reason: text(req.body, 'reason', true)!,
        replacement: text(req.body, 'replacement', false),
      },
      { credentials, dryRun: flag(req, 'dryRun') },
    );
    const body: DeprecateProductResponse = result;
    res.json(body);
  });

  router.delete('/products/:namespace/:name', async (req, res) => {
    const credentials = await caller(req);
    const { entityRef } = await writer.unpublish(
      { entityRef: refOf(req) },
      { credentials, dryRun: flag(req, 'dryRun') },
    );
    const body: UnpublishProductResponse = { entityRef };
    res.json(body);
  });

  router.use(upstreamErrorHandler(options.secrets));
  return router;
}
