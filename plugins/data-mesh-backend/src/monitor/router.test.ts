import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DataProductEntity,
  dataMeshSamplesReadPermission,
  MAX_FRESHNESS_ENTITY_REFS,
  FailingProductsResponse,
  ProductQualityResponse,
  ProductsQualityStatusResponse,
  REGISTRY_LOCATION_TYPE,
} from '@kafka-mesh/plugin-data-mesh-common';
import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { migrationsDir } from '../access/AccessStore';
import { QualityStore, RunRecord } from './QualityStore';
import { createQualityRouter, parseSince } from './router';

jest.setTimeout(60_000);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const NOW = Date.parse('2026-01-08T00:00:00.000Z');
const DAY = 86_400_000;
const RETENTION = 7 * DAY;

const ORDERS = 'dataproduct:default/orders';
const PAYMENTS = 'dataproduct:default/payments';
const UNCHECKED = 'dataproduct:default/unchecked';
const GONE = 'dataproduct:default/gone';

/** Published products (their location makes them own their topic). */
function product(name: string): DataProductEntity {
  const entity = makeDataProduct(name, `commerce.${name}.v1`);
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    [ANNOTATION_LOCATION]: `${REGISTRY_LOCATION_TYPE}:_data-products`,
  };
  return entity;
}

function runOf(
  productRef: string,
  checkedAt: string,
  passed: boolean,
): RunRecord {
  return {
    product: productRef,
    topic: 'commerce.x.v1',
    checkedAt,
    records: 2,
    nonconforming: passed ? 0 : 1,
    skipped: 0,
    results: [
      {
        rule: 'id-present',
        metric: 'nullValues',
        severity: 'error',
        value: passed ? 0 : 1,
        passed,
        checked: 2,
        error: passed ? undefined : 'one record had no id',
        failingExamples: passed ? [] : [{ id: null, email: '***' }],
      } as RunRecord['results'][number],
      {
        rule: 'fresh',
        metric: 'freshness',
        severity: 'warning',
        value: 3,
        passed: true,
        checked: 2,
      },
    ],
    cursors: [{ partition: 0, nextOffset: 2n }],
  };
}

describe('parseSince', () => {
  it('defaults to the start of the retention', () => {
    expect(parseSince(undefined, NOW, RETENTION)).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(parseSince('', NOW, RETENTION)).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads an ISO time and an ISO duration back from now', () => {
    expect(parseSince('2026-01-07T12:00:00Z', NOW, RETENTION)).toBe(
      '2026-01-07T12:00:00.000Z',
    );
    expect(parseSince('PT1H', NOW, RETENTION)).toBe('2026-01-07T23:00:00.000Z');
    expect(parseSince('P1D', NOW, RETENTION)).toBe('2026-01-07T00:00:00.000Z');
  });

  it('never reaches back past the retention', () => {
    expect(parseSince('2020-01-01T00:00:00Z', NOW, RETENTION)).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(parseSince('P30D', NOW, RETENTION)).toBe('2026-01-01T00:00:00.000Z');
  });

  it('rejects what is neither', () => {
    expect(() => parseSince('yesterday', NOW, RETENTION)).toThrow(
      "since 'yesterday' is neither an ISO time nor an ISO duration",
    );
    expect(() => parseSince('PXYZ', NOW, RETENTION)).toThrow(/^since: /);
    expect(() => parseSince(['P1D'], NOW, RETENTION)).toThrow(
      'since must be a string',
    );
  });
});

describe('createQualityRouter', () => {
  let server: Server;
  let baseUrl: string;
  const authorize = jest.fn();

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: migrationsDir() });
    const store = new QualityStore(knex);
    await store.recordRun(runOf(ORDERS, '2026-01-06T00:00:00.000Z', true));
    await store.recordRun(runOf(ORDERS, '2026-01-07T23:30:00.000Z', false));
    await store.recordRun(runOf(PAYMENTS, '2026-01-07T10:00:00.000Z', true));
    // Failing, but not (or no longer) in the catalog.
    await store.recordRun(runOf(GONE, '2026-01-07T11:00:00.000Z', false));

    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockImplementation(authorize);
    const router = createQualityRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      catalog: catalogServiceMock({
        entities: [
          product('orders'),
          product('payments'),
          product('unchecked'),
        ],
      }),
      store,
      retentionMs: RETENTION,
      now: () => NOW,
    });
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });
    const app = express().use(router).use(middleware.error());
    server = await new Promise<Server>(resolve => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server?.close(resolve));
  });

  beforeEach(() => {
    authorize.mockReset();
    authorize.mockResolvedValue([{ result: AuthorizeResult.ALLOW }]);
  });

  const get = async (path: string) => {
    const res = await fetch(`${baseUrl}${path}`);
    return { status: res.status, headers: res.headers, body: await res.json() };
  };
  const post = async (body: unknown) => {
    const res = await fetch(`${baseUrl}/quality-status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  describe('GET /products/:namespace/:name/quality', () => {
    it("answers each rule's history, its last check and pass rate", async () => {
      const { status, headers, body } = await get(
        '/products/default/orders/quality',
      );
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      const answer = body as ProductQualityResponse;
      expect(answer.since).toBe('2026-01-01T00:00:00.000Z');
      expect(answer.examplesVisible).toBe(true);
      expect(answer.conformance).toMatchObject({
        records: 4,
        nonconforming: 1,
        lastRunAt: '2026-01-07T23:30:00.000Z',
      });
      const byRule = Object.fromEntries(answer.rules.map(r => [r.rule, r]));
      expect(Object.keys(byRule).sort()).toEqual(['fresh', 'id-present']);
      expect(byRule['id-present']).toMatchObject({
        metric: 'nullValues',
        severity: 'error',
        passRate: 0.5,
        lastCheck: {
          checkedAt: '2026-01-07T23:30:00.000Z',
          passed: false,
          value: 1,
          checked: 2,
        },
        failingExamples: [{ id: null, email: '***' }],
      });
      expect(byRule['id-present'].series.map(p => p.passed)).toEqual([
        true,
        false,
      ]);
      expect(byRule.fresh).toMatchObject({ passRate: 1, failingExamples: [] });
      // The check asked about the product itself, with the samples permission.
      expect(authorize).toHaveBeenCalledWith(
        [
          expect.objectContaining({
            permission: dataMeshSamplesReadPermission,
            resourceRef: ORDERS,
          }),
        ],
        expect.anything(),
      );
    });

    it('hides failing examples from callers without the samples permission', async () => {
      authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
      const { status, body } = await get('/products/default/orders/quality');
      expect(status).toBe(200);
      const answer = body as ProductQualityResponse;
      expect(answer.examplesVisible).toBe(false);
      expect(answer.rules).toHaveLength(2);
      for (const rule of answer.rules) expect(rule.failingExamples).toEqual([]);
      // The rest of the history stays visible.
      expect(
        answer.rules.find(r => r.rule === 'id-present')?.lastCheck?.passed,
      ).toBe(false);
    });

    it('keeps to `since`', async () => {
      const { body } = await get('/products/default/orders/quality?since=PT1H');
      const answer = body as ProductQualityResponse;
      expect(answer.since).toBe('2026-01-07T23:00:00.000Z');
      const idPresent = answer.rules.find(r => r.rule === 'id-present')!;
      expect(idPresent.series).toHaveLength(1);
      expect(idPresent.passRate).toBe(0);

      const iso = await get(
        `/products/default/orders/quality?since=${encodeURIComponent(
          '2026-01-07T00:00:00Z',
        )}`,
      );
      expect(iso.body.since).toBe('2026-01-07T00:00:00.000Z');
    });

    it('answers 400 for a malformed since', async () => {
      const { status, body } = await get(
        '/products/default/orders/quality?since=yesterday',
      );
      expect(status).toBe(400);
      expect(body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('neither an ISO time'),
      });
      expect(
        (await get('/products/default/orders/quality?since=P1X')).status,
      ).toBe(400);
      expect(
        (await get('/products/default/orders/quality?since=a&since=b')).status,
      ).toBe(400);
    });

    it('answers 404 for a product not in the catalog', async () => {
      const { status, body } = await get('/products/default/nowhere/quality');
      expect(status).toBe(404);
      expect(body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No data product dataproduct:default/nowhere in the catalog',
      });
      expect(authorize).not.toHaveBeenCalled();
    });

    it('answers empty rules for a product never checked', async () => {
      const { status, body } = await get('/products/default/unchecked/quality');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        rules: [],
        conformance: { records: 0, nonconforming: 0 },
      });
    });
  });

  describe('GET /quality-status/failing', () => {
    it('names the products failing now that the caller may see', async () => {
      const { status, headers, body } = await get('/quality-status/failing');
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      // orders failed last; payments passed; gone is not in the catalog.
      expect(body as FailingProductsResponse).toEqual({
        items: [ORDERS],
        truncated: false,
      });
    });
  });

  describe('POST /quality-status', () => {
    it('answers ok, failing and unknown, keyed by the ref as requested', async () => {
      const { status, body } = await post({
        entityRefs: ['orders', PAYMENTS, UNCHECKED],
      });
      expect(status).toBe(200);
      const { items } = body as ProductsQualityStatusResponse;
      expect(items).toEqual([
        {
          entityRef: 'orders',
          status: 'failing',
          failingRules: ['id-present'],
          lastCheckedAt: '2026-01-07T23:30:00.000Z',
        },
        {
          entityRef: PAYMENTS,
          status: 'ok',
          failingRules: [],
          lastCheckedAt: '2026-01-07T10:00:00.000Z',
        },
        { entityRef: UNCHECKED, status: 'unknown', failingRules: [] },
      ]);
    });

    it('leaves out products that are not in the catalog', async () => {
      const { status, body } = await post({
        entityRefs: [ORDERS, 'dataproduct:default/nowhere'],
      });
      expect(status).toBe(200);
      expect(body.items.map((i: { entityRef: string }) => i.entityRef)).toEqual(
        [ORDERS],
      );
      expect((await post({ entityRefs: [] })).body).toEqual({ items: [] });
    });

    it(`answers up to ${MAX_FRESHNESS_ENTITY_REFS} refs and 400 beyond`, async () => {
      const refs = (n: number) =>
        Array.from({ length: n }, (_, i) => `dataproduct:default/p-${i}`);
      const full = await post({
        entityRefs: [...refs(MAX_FRESHNESS_ENTITY_REFS - 1), ORDERS],
      });
      expect(full.status).toBe(200);
      expect(full.body.items).toHaveLength(1);
      const over = await post({
        entityRefs: refs(MAX_FRESHNESS_ENTITY_REFS + 1),
      });
      expect(over.status).toBe(400);
      expect(over.body.error.message).toBe(
        `entityRefs holds ${
          MAX_FRESHNESS_ENTITY_REFS + 1
        } refs; at most ${MAX_FRESHNESS_ENTITY_REFS} are allowed per request`,
      );
    });

    it.each([
      [{}, 'The request body must be JSON'],
      [{ entityRefs: 'orders' }, 'The request body must be JSON'],
      [{ entityRefs: [''] }, 'entityRefs[0] must be a non-empty string'],
      [
        { entityRefs: [ORDERS, 42] },
        'entityRefs[1] must be a non-empty string',
      ],
      [
        { entityRefs: ['component:default/orders'] },
        "entityRefs[0] 'component:default/orders' is not a DataProduct ref",
      ],
      [
        { entityRefs: ['a:b:c/d/e'] },
        "entityRefs[0] 'a:b:c/d/e' is not a DataProduct ref",
      ],
    ])('answers 400 for %j', async (request, message) => {
      const { status, body } = await post(request);
      expect(status).toBe(400);
      expect(body.error.name).toBe('InputError');
      expect(body.error.message).toContain(message);
    });
  });
});
