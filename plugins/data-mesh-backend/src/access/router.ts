import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  AccessRequestList,
  AccessRequestStatus,
} from '@kafka-mesh/plugin-data-mesh-common';
import express, { Request, Router as ExpressRouter } from 'express';
import Router from 'express-promise-router';
import { findProduct } from '../lib/findProduct';
import { upstreamErrorHandler } from '../service/errors';
import type { AccessService, Decision } from './AccessService';
import type { AccessStore } from './AccessStore';
import {
  MAX_LISTED,
  ProductAccessViewOptions,
  readProductAccess,
} from './productAccessView';

/** A request or a decision is a few hundred bytes. */
const BODY_LIMIT = '16kb';
const MAX_NOTE = 1000;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: readonly AccessRequestStatus[] = [
  'pending',
  'approved',
  'denied',
  'revoked',
  'expired',
];

export interface AccessRouterOptions extends ProductAccessViewOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  store: AccessStore;
  service: AccessService;
}

function idOf(req: Request): string {
  const { id } = req.params;
  if (!ID.test(id)) throw new InputError(`'${id}' is not an access request id`);
  return id;
}

function noteOf(body: unknown): string | undefined {
  const note = (body as { note?: unknown } | undefined)?.note;
  if (note === undefined || note === null) return undefined;
  if (typeof note !== 'string' || note.length > MAX_NOTE) {
    throw new InputError(
      `note must be a string of at most ${MAX_NOTE} characters`,
    );
  }
  return note.trim() || undefined;
}

function statusOf(value: unknown): AccessRequestStatus | undefined {
  if (value === undefined) return undefined;
  if (!STATUSES.includes(value as AccessRequestStatus)) {
    throw new InputError(`status must be one of ${STATUSES.join(', ')}`);
  }
  return value as AccessRequestStatus;
}

/**
 * The access workflow's REST API (see the route list in the common
 * package's access types). Asking and deciding are for users only: the
 * audit trail names a person for every change.
 */
export function createAccessRouter(
  options: AccessRouterOptions,
): ExpressRouter {
  const { httpAuth, catalog, store, service } = options;
  const router = Router();
  const json = express.json({ limit: BODY_LIMIT });
  const user = (req: Request) => httpAuth.credentials(req, { allow: ['user'] });

  router.get('/products/:namespace/:name/access', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { entity, ref } = await findProduct(
      catalog,
      credentials,
      req.params.namespace,
      req.params.name,
    );
    res.json(await readProductAccess(options, entity, ref, credentials));
  });

  router.post(
    '/products/:namespace/:name/access-requests',
    json,
    async (req, res) => {
      const credentials = await user(req);
      const request = await service.request(
        { namespace: req.params.namespace, name: req.params.name },
        req.body,
        credentials,
      );
      res.status(201).json(request);
    },
  );

  router.get('/access-requests', async (req, res) => {
    const credentials = await user(req);
    const status = statusOf(req.query.status);
    const scope = req.query.scope ?? 'owned';
    let body: AccessRequestList;
    if (scope === 'mine') {
      body = {
        items: await store.listRequestedBy(
          credentials.principal.userEntityRef,
          status,
          MAX_LISTED,
        ),
      };
    } else if (scope === 'owned') {
      // Bounded: the oldest requests in the status, then one permission
      // call for all their products.
      const candidates = await store.listByStatus(
        status ?? 'pending',
        MAX_LISTED,
      );
      const decidable = await service.mayDecideAll(
        candidates.map(r => r.product),
        credentials,
      );
      body = { items: candidates.filter(r => decidable.has(r.product)) };
    } else {
      throw new InputError('scope must be owned or mine');
    }
    res.json(body);
  });

  router.post(
    '/access-requests/:id/:decision(approve|deny|revoke)',
    json,
    async (req, res) => {
      const id = idOf(req);
      const credentials = await user(req);
      res.json(
        await service.decide(
          id,
          req.params.decision as Decision,
          noteOf(req.body),
          credentials,
        ),
      );
    },
  );

  router.use(upstreamErrorHandler(options.secrets));
  return router;
}
