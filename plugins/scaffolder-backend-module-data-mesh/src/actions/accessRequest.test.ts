import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  AccessRequest,
  ProductAccessResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { exampleInput, runAction } from '../__testUtils__/testEnvironment';
import { accessPathOf, createAccessRequestAction } from './accessRequest';
import { examples } from './accessRequest.examples';

// The data mesh backend's route is stood in for by a fetch that answers
// like it (its own tests and the e2e test cover the real one): what the
// step sends, and what it makes of each answer.

const PRODUCT = 'dataproduct:default/orders-placed';
const PRINCIPAL = 'resource:default/orders-app';

function accessRequest(overrides: Partial<AccessRequest> = {}): AccessRequest {
  return {
    id: '6f1d4c1e-8f55-4e0a-9d55-0d8b4f1b2c3d',
    product: PRODUCT,
    cluster: 'local',
    topic: 'commerce.orders-placed.v1',
    principalRef: PRINCIPAL,
    principal: 'User:orders-app',
    groupPrefix: 'orders-app',
    purpose: 'Show the orders placed on the shop floor screens',
    duration: 'P30D',
    requestedBy: 'user:default/mock',
    requestedAt: '2025-01-01T00:00:00.000Z',
    approvalRequired: true,
    status: 'pending',
    aclState: 'none',
    acls: [],
    ...overrides,
  };
}

const json = (status: number, body: unknown, headers: object = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** A Backstage error body, as the backend's error handler writes it. */
const failure = (
  status: number,
  name: string,
  message: string,
  headers: object = {},
) =>
  json(
    status,
    { error: { name, message }, response: { statusCode: status } },
    headers,
  );

describe('dataMesh:access:request', () => {
  const discovery = mockServices.discovery();
  const auth = mockServices.auth();
  let answers: Array<(url: string, init?: RequestInit) => Response>;
  const fetchMock = jest.fn(async (url: string, init?: RequestInit) => {
    const next = answers.shift();
    if (!next) throw new Error(`unexpected call to ${url}`);
    return next(url, init);
  });
  const action = createAccessRequestAction({
    discovery,
    auth,
    fetch: fetchMock as unknown as typeof fetch,
  });
  let base: string;
  const token = mockCredentials.service.token({
    onBehalfOf: mockCredentials.user(),
    targetPluginId: 'data-mesh',
  });

  beforeAll(async () => {
    base = `${await discovery.getBaseUrl(
      'data-mesh',
    )}/products/default/orders-placed`;
  });

  beforeEach(() => {
    answers = [];
    fetchMock.mockClear();
  });

  /** What the step sent: method, url, token and body of each call. */
  const sent = () =>
    fetchMock.mock.calls.map(([url, init]) => ({
      method: init?.method ?? 'GET',
      url,
      authorization: (init?.headers as Record<string, string>)?.Authorization,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }));

  it('asks the backend on behalf of the initiator and answers with the request (example 1)', async () => {
    const approved = accessRequest({
      status: 'approved',
      approvalRequired: false,
    });
    answers.push(() => json(201, approved));
    const output = await runAction(action, exampleInput(examples, 0));
    expect(sent()).toEqual([
      {
        method: 'POST',
        url: `${base}/access-requests`,
        authorization: `Bearer ${token}`,
        body: {
          principal: PRINCIPAL,
          groupPrefix: 'orders-app',
          purpose: 'Show the orders placed on the shop floor screens',
          duration: 'P30D',
        },
      },
    ]);
    expect(output).toEqual({
      requestId: approved.id,
      status: 'approved',
      accessUrl: '/catalog/default/dataproduct/orders-placed/access',
      product: PRODUCT,
      kafkaPrincipal: 'User:orders-app',
    });
  });

  it('passes a consumer app form on, a product waiting for its owner (example 2)', async () => {
    const input = {
      ...exampleInput(examples, 1),
      product: 'orders-placed',
      principal: 'default/orders-app',
      groupPrefix: 'shop-floor-screens',
      purpose: '  Orders on the shop floor screens  ',
    };
    expect(input.duration).toBe('P90D');
    answers.push(() => json(201, accessRequest({ duration: 'P90D' })));
    const output = await runAction(action, input);
    // Refs in their canonical form, the purpose trimmed.
    expect(sent()[0].body).toEqual({
      principal: PRINCIPAL,
      groupPrefix: 'shop-floor-screens',
      purpose: 'Orders on the shop floor screens',
      duration: 'P90D',
    });
    expect(output).toMatchObject({ status: 'pending' });
  });

  it('refuses malformed input before calling the backend', async () => {
    const valid = exampleInput(examples, 0);
    const cases: Array<[object, string]> = [
      [
        { product: 'group:default/admins' },
        'product "group:default/admins" must refer to DataProduct, not group',
      ],
      [
        { product: 'dataproduct:default/x\n---\nkind: Group' },
        'product "dataproduct:default/x\\n---\\nkind: Group" is not an entity reference',
      ],
      [
        { principal: 'component:default/orders-app' },
        'principal "component:default/orders-app" must refer to Resource, not component',
      ],
      [
        { groupPrefix: 'ab' },
        'groupPrefix "ab" must be 3 to 100 letters, digits, dots, underscores or dashes',
      ],
      [
        { groupPrefix: 'orders app' },
        'groupPrefix "orders app" must be 3 to 100 letters, digits, dots, underscores or dashes',
      ],
      [{ groupPrefix: 'x'.repeat(101) }, 'groupPrefix'],
      [{ purpose: ' a ' }, 'purpose must be 3 to 500 characters, not 1'],
      [{ duration: '30 days' }, 'duration: '],
    ];
    for (const [change, message] of cases) {
      const attempt = runAction(action, { ...valid, ...change });
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(message);
    }
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("fails with the backend's own message and error class", async () => {
    const input = exampleInput(examples, 0);
    const cases = [
      [
        failure(
          400,
          'InputError',
          'You own dataproduct:default/orders-placed (through group:default/checkout-team): your team needs no access request to read it',
        ),
        InputError,
      ],
      [
        failure(
          403,
          'NotAllowedError',
          'You may only ask for access for principals your team owns; resource:default/orders-app is owned by group:default/other-team',
        ),
        NotAllowedError,
      ],
    ] as const;
    for (const [reply, type] of cases) {
      const { error } = await reply.clone().json();
      answers.push(() => reply);
      const attempt = runAction(action, input);
      await expect(attempt).rejects.toThrow(type);
      // Unchanged: the message is the backend's, word for word.
      await expect(attempt).rejects.toThrow(
        expect.objectContaining({ message: error.message }),
      );
    }
  });

  it('asks to retry when the backend is unavailable or unreachable', async () => {
    const input = exampleInput(examples, 0);
    answers.push(() =>
      failure(503, 'ServiceUnavailableError', 'Kafka is unavailable'),
    );
    const unavailable = runAction(action, input);
    await expect(unavailable).rejects.toThrow(ServiceUnavailableError);
    await expect(unavailable).rejects.toThrow(
      'The data mesh backend cannot take access requests right now (Kafka is unavailable); run the template again in a minute',
    );

    answers.push(() =>
      failure(503, 'ServiceUnavailableError', 'Kafka is unavailable', {
        'Retry-After': '5',
      }),
    );
    await expect(runAction(action, input)).rejects.toThrow(
      'run the template again in 5 seconds or later',
    );

    answers = [
      () => {
        throw new TypeError('fetch failed');
      },
    ];
    await expect(runAction(action, input)).rejects.toThrow(
      'The data mesh backend could not be reached (fetch failed); run the template again in a minute',
    );
  });

  it('answers with the open request when one covers the group already, and fails when it does not', async () => {
    const input = exampleInput(examples, 0);
    const open = accessRequest({ groupPrefix: 'orders-' });
    const conflict = () =>
      failure(
        409,
        'ConflictError',
        `${PRINCIPAL} already has a pending request for ${PRODUCT}: ${open.id}`,
      );
    const access = (request: AccessRequest) => () =>
      json(200, {
        product: PRODUCT,
        approvalRequired: true,
        acls: [],
        drift: [],
        pending: [request],
        grants: [],
        history: [],
        canDecide: false,
      } satisfies ProductAccessResponse);

    // 'orders-app' starts with 'orders-': the open request covers it.
    answers.push(conflict, access(open));
    expect(await runAction(action, input)).toMatchObject({
      requestId: open.id,
      status: 'pending',
    });
    expect(sent().map(c => `${c.method} ${c.url}`)).toEqual([
      `POST ${base}/access-requests`,
      `GET ${base}/access`,
    ]);
    expect(sent()[1].authorization).toBe(`Bearer ${token}`);

    // Another group: the app could not read with it.
    answers.push(conflict, access(accessRequest({ groupPrefix: 'billing' })));
    const other = runAction(action, input);
    await expect(other).rejects.toThrow(ConflictError);
    await expect(other).rejects.toThrow(
      `${PRINCIPAL} already has a pending request for ${PRODUCT}: ${open.id}`,
    );
  });

  it('asks nothing in a dry run', async () => {
    const output = await runAction(action, exampleInput(examples, 0), {
      isDryRun: true,
    });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(output).toEqual({
      requestId: 'dry-run',
      status: 'pending',
      accessUrl: '/catalog/default/dataproduct/orders-placed/access',
      product: PRODUCT,
      kafkaPrincipal: 'User:orders-app',
    });
  });

  it('links to the Access tab of the product page', () => {
    expect(accessPathOf('dataproduct:sales/orders-placed')).toBe(
      '/catalog/sales/dataproduct/orders-placed/access',
    );
  });
});
