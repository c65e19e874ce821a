import { makeDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from './CliError';
import { PortalClient, PortalRefusal } from './portalClient';

// The client against a plain HTTP server that answers as the backend would
// (or as a wrong address would): what is sent, and how each answer reads.

const TOKEN = 'secret-token-value';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  body: string;
}

let server: Server;
let baseUrl: string;
let answer: (req: IncomingMessage, res: ServerResponse) => void;
let seen: Seen[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        body,
      });
      answer(req, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

beforeEach(() => {
  seen = [];
});

function json(status: number, body: unknown, headers: object = {}) {
  answer = (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
}

function backstageError(status: number, name: string, message: string) {
  return { error: { name, message }, response: { statusCode: status } };
}

/** The error a call fails with. */
async function failure(call: Promise<unknown>): Promise<CliError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const client = () => new PortalClient({ baseUrl, token: TOKEN });
const product = makeDataProduct('orders', 'commerce.orders.v1');

describe('PortalClient', () => {
  it('PUTs the descriptor with the token and the flags, and returns the answer', async () => {
    const response = {
      entityRef: 'dataproduct:default/orders',
      entityPath: '/catalog/default/dataproduct/orders',
      updated: false,
      effectiveSla: {},
      slaWarnings: [],
    };
    json(201, response);
    await expect(
      client().publish(product, {
        dryRun: true,
        acknowledgeSlaAboveInputs: true,
      }),
    ).resolves.toEqual(response);
    expect(seen).toEqual([
      {
        method: 'PUT',
        url: '/api/data-mesh/products/default/orders?dryRun=true&acknowledgeSlaAboveInputs=true',
        authorization: `Bearer ${TOKEN}`,
        body: JSON.stringify(product),
      },
    ]);
  });

  it('sends deprecations and unpublishes to their routes', async () => {
    json(200, { entityRef: 'dataproduct:default/orders', notified: [] });
    await client().deprecate('default/orders', {
      sunset: '2099-01-01',
      reason: 'v2',
    });
    await client().unpublish('default/orders');
    expect(
      seen.map(({ method, url, body }) => ({ method, url, body })),
    ).toEqual([
      {
        method: 'POST',
        url: '/api/data-mesh/products/default/orders/deprecate',
        body: JSON.stringify({ sunset: '2099-01-01', reason: 'v2' }),
      },
      {
        method: 'DELETE',
        url: '/api/data-mesh/products/default/orders',
        body: '',
      },
    ]);
  });

  it.each([
    [
      400,
      'InputError',
      'The data product x cannot be published:\n  - no schema',
    ],
    [403, 'NotAllowedError', 'You may not publish x'],
    [409, 'ConflictError', 'The topic t is already published as y'],
  ])(
    'turns a %s about the product into a refusal in the server’s words',
    async (status, name, message) => {
      json(status, backstageError(status, name, message));
      const error = await failure(client().publish(product));
      expect(error).toBeInstanceOf(PortalRefusal);
      expect((error as PortalRefusal).status).toBe(status);
      expect(error.lines).toEqual(message.split('\n'));
    },
  );

  it('says a token was refused without showing it', async () => {
    json(401, backstageError(401, 'AuthenticationError', 'Illegal token'));
    const error = await failure(client().unpublish('default/orders'));
    expect(error).not.toBeInstanceOf(PortalRefusal);
    expect(error.lines).toEqual([
      `the portal backend at ${baseUrl} did not accept the token (Illegal token); pass a valid one with --token or BACKSTAGE_TOKEN`,
    ]);
    expect(error.message).not.toContain(TOKEN);
  });

  it('passes on when to try again when Kafka is down', async () => {
    json(
      503,
      backstageError(503, 'ServiceUnavailableError', 'Kafka is unreachable'),
      { 'Retry-After': '5' },
    );
    const error = await failure(client().publish(product));
    expect(error.lines).toEqual([
      `the portal backend at ${baseUrl} could not do PUT /api/data-mesh/products/default/orders: Kafka is unreachable (503; try again in 5 s)`,
    ]);
  });

  it('explains an address that is not the backend', async () => {
    answer = (_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html>not here</html>');
    };
    expect((await failure(client().unpublish('default/orders'))).lines).toEqual(
      [
        `the portal backend at ${baseUrl} has no DELETE /api/data-mesh/products/default/orders (404); is that the backend's address (not the frontend's), with the data mesh plugin?`,
      ],
    );

    answer = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>the app</html>');
    };
    expect((await failure(client().publish(product))).message).toContain(
      'answered PUT /api/data-mesh/products/default/orders with something other than JSON',
    );
  });

  it('does not follow redirects with the token', async () => {
    answer = (_req, res) => {
      res.writeHead(302, { Location: 'https://elsewhere.example.com/x' });
      res.end();
    };
    expect((await failure(client().publish(product))).lines).toEqual([
      `the portal backend at ${baseUrl} redirects PUT /api/data-mesh/products/default/orders to https://elsewhere.example.com/x; pass the address it redirects to as --backend`,
    ]);
    expect(seen).toHaveLength(1);
  });

  it('reads a product from the catalog, undefined when it is not there', async () => {
    json(200, product);
    await expect(client().catalogProduct('default/orders')).resolves.toEqual(
      product,
    );
    expect(seen[0].url).toBe(
      '/api/catalog/entities/by-name/dataproduct/default/orders',
    );
    json(404, backstageError(404, 'NotFoundError', 'No entity'));
    await expect(
      client().catalogProduct('default/orders'),
    ).resolves.toBeUndefined();
  });

  it('says when the backend cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise(resolve => closed.close(resolve));
    const error = await failure(
      new PortalClient({
        baseUrl: `http://127.0.0.1:${port}`,
        token: TOKEN,
      }).unpublish('default/orders'),
    );
    expect(error.lines).toEqual([
      `cannot reach the portal backend at http://127.0.0.1:${port}: ECONNREFUSED; is it running, and is that its address? (--backend or BACKSTAGE_BACKEND_URL)`,
    ]);
  });
});
