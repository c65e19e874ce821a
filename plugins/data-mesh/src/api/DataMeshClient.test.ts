import { ResponseError } from '@backstage/errors';
import { DataMeshClient } from './DataMeshClient';

function setup(response: { status: number; body: unknown }) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(response.body), {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  const client = new DataMeshClient({
    discoveryApi: {
      getBaseUrl: async id => `http://backend/api/${id}`,
    },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

const product = { namespace: 'default', name: 'orders-placed' };

describe('DataMeshClient', () => {
  it('builds the product routes', async () => {
    const { client, fetch } = setup({ status: 200, body: {} });
    await client.getSchemaVersions(product);
    await client.getSchemaVersion(product, 'latest');
    await client.getSchemaDiff(product, 1, 3);
    await client.getHealth(product);
    await client.getConsumers(product);
    await client.getSamples(product, { limit: 500 });
    await client.getSyntheticRecords(product);
    await client.getSyntheticRecords(product, { count: 5.7 });
    const base = 'http://backend/api/data-mesh/products/default/orders-placed';
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${base}/schema/versions`,
      `${base}/schema/versions/latest`,
      `${base}/schema/diff?from=1&to=3`,
      `${base}/health`,
      `${base}/consumers`,
      `${base}/samples?limit=50`,
      `${base}/synthetic?count=20`,
      `${base}/synthetic?count=5`,
    ]);
  });

  it('reads candidate streams from the catalog', async () => {
    const body = {
      items: [{ cluster: 'local', topic: 't', subject: 't-value' }],
    };
    const { client, fetch } = setup({ status: 200, body });
    await expect(client.getCandidateStreams()).resolves.toEqual(body);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/catalog/data-mesh/candidate-streams',
      { headers: { Accept: 'application/json' } },
    );
  });

  it('returns the synthetic records of a product', async () => {
    const body = { records: [{ orderId: 'a' }, { orderId: 'b' }] };
    const { client } = setup({ status: 200, body });
    await expect(
      client.getSyntheticRecords(product, { count: 2 }),
    ).resolves.toEqual(body);
  });

  it('asks for the freshness of many products in one POST', async () => {
    const body = {
      items: {
        'dataproduct:default/orders-placed': {
          status: 'ok',
          ageMs: 12000,
          newestRecordAt: '2026-01-01T12:00:00.000Z',
          slaFreshness: 'PT5M',
        },
      },
    };
    const { client, fetch } = setup({ status: 200, body });
    const refs = [
      'dataproduct:default/orders-placed',
      'dataproduct:default/payments-settled',
    ];
    await expect(client.getProductsFreshness(refs)).resolves.toEqual(body);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/data-mesh/freshness',
      {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ entityRefs: refs }),
      },
    );
  });

  it('throws a ResponseError when the freshness cannot be read', async () => {
    const { client } = setup({
      status: 503,
      body: { error: { name: 'ServiceUnavailableError', message: 'down' } },
    });
    const error = await client
      .getProductsFreshness(['dataproduct:default/a'])
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(503);
  });

  it('reads the governance rules from the data mesh backend', async () => {
    const body = { rules: { allowedFormats: ['avro'], topicNaming: '{name}' } };
    const { client, fetch } = setup({ status: 200, body });
    await expect(client.getGovernanceRules()).resolves.toEqual(body);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/data-mesh/governance',
      { headers: { Accept: 'application/json' } },
    );
  });

  it('throws a ResponseError on non-2xx answers', async () => {
    const { client } = setup({
      status: 403,
      body: { error: { name: 'NotAllowedError', message: 'no' } },
    });
    const error = await client.getSamples(product).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });

  describe('access workflow', () => {
    const access = 'http://backend/api/data-mesh/access-requests';
    const post = (body: unknown) => ({
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });

    it("reads a product's access", async () => {
      const body = { product: 'dataproduct:default/orders-placed', acls: [] };
      const { client, fetch } = setup({ status: 200, body });
      await expect(client.getProductAccess(product)).resolves.toEqual(body);
      expect(fetch).toHaveBeenCalledWith(
        'http://backend/api/data-mesh/products/default/orders-placed/access',
        { headers: { Accept: 'application/json' } },
      );
    });

    it('posts a new access request', async () => {
      const request = {
        principal: 'resource:default/orders-app',
        groupPrefix: 'orders-app-',
        purpose: 'Shipping labels',
        duration: 'P30D',
      };
      const body = { id: 'r1', status: 'pending' };
      const { client, fetch } = setup({ status: 201, body });
      await expect(client.requestAccess(product, request)).resolves.toEqual(
        body,
      );
      expect(fetch).toHaveBeenCalledWith(
        'http://backend/api/data-mesh/products/default/orders-placed/access-requests',
        post(request),
      );
    });

    it('lists access requests by scope and status', async () => {
      const { client, fetch } = setup({ status: 200, body: { items: [] } });
      await client.listAccessRequests({ scope: 'owned', status: 'pending' });
      await client.listAccessRequests({ scope: 'mine' });
      await client.listAccessRequests();
      expect(fetch.mock.calls.map(c => c[0])).toEqual([
        `${access}?status=pending&scope=owned`,
        `${access}?scope=mine`,
        access,
      ]);
    });

    it('posts decisions with their note', async () => {
      const { client, fetch } = setup({ status: 200, body: { id: 'a/b' } });
      await client.decideAccess('r1', 'approve', { note: 'ok' });
      await client.decideAccess('r1', 'deny');
      await client.decideAccess('a/b', 'revoke', { note: 'done' });
      expect(fetch.mock.calls).toEqual([
        [`${access}/r1/approve`, post({ note: 'ok' })],
        [`${access}/r1/deny`, post({})],
        [`${access}/a%2Fb/revoke`, post({ note: 'done' })],
      ]);
    });

    it.each([400, 403, 409])(
      "throws a ResponseError carrying the backend's message on %s",
      async status => {
        const { client } = setup({
          status,
          body: {
            error: { name: 'ConflictError', message: 'already requested' },
            response: { statusCode: status },
          },
        });
        const error = await client
          .requestAccess(product, {
            principal: 'resource:default/orders-app',
            groupPrefix: 'orders-app-',
            purpose: 'x',
            duration: 'P7D',
          })
          .catch(e => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(error.statusCode).toBe(status);
        expect(error.cause.message).toBe('already requested');
      },
    );

    it('fails a decision with a ResponseError', async () => {
      const { client } = setup({
        status: 403,
        body: {
          error: { name: 'NotAllowedError', message: 'not an owner' },
          response: { statusCode: 403 },
        },
      });
      const error = await client.decideAccess('r1', 'approve').catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.cause.message).toBe('not an owner');
    });
  });
});
