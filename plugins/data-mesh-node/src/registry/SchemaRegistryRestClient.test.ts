import {
  isError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { answerJson, FakeRegistry } from './__testUtils__/FakeRegistry';
import { RegistryUnavailableError } from './errors';
import {
  SchemaRegistryRestClient,
  SETTLING_MS,
} from './SchemaRegistryRestClient';

describe('SchemaRegistryRestClient when the registry fails', () => {
  // A registry of its own per test, on a port of its own: a restart on
  // the same port is what the tests themselves do.
  let registry: FakeRegistry;
  const password = 'secret-pw';
  let client: SchemaRegistryRestClient;

  beforeEach(async () => {
    registry = new FakeRegistry();
    await registry.start();
    registry.handler = (_req, res) => answerJson(res, [1, 2]);
    client = new SchemaRegistryRestClient(
      { url: registry.url, auth: { username: 'mesh', password } },
      500,
    );
  });

  afterEach(() => registry.stop());

  /** The error a call failed with; fails the test if it did not fail. */
  const failureOf = async (call: Promise<unknown>): Promise<Error> => {
    const error = await call.then(
      () => undefined,
      e => e,
    );
    expect(isError(error)).toBe(true);
    return error;
  };

  /** What every failure says, and what it must not. */
  const expectUnavailable = (error: Error, message: RegExp) => {
    expect(error).toBeInstanceOf(RegistryUnavailableError);
    // Answered as 503 with Retry-After by every caller, by type.
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(password);
    expect(error.message).not.toContain(registry.url.replace('http://', ''));
  };

  it('answers again at once when a registry that went away is back on the same port', async () => {
    // The first call leaves a keep-alive connection in the pool.
    expect(await client.versions('orders-value')).toEqual([1, 2]);

    await registry.stop();
    const error = await failureOf(client.versions('orders-value'));
    expectUnavailable(error, /^unreachable \(ECONNREFUSED\)/);
    expect(isError((error as RegistryUnavailableError).cause)).toBe(true);

    await registry.start();
    const before = registry.requests;
    // The very first call after the return succeeds: no dead connection
    // from before the outage is tried.
    expect(await client.versions('orders-value')).toEqual([1, 2]);
    expect(registry.requests).toBe(before + 1);
  });

  it('gives up on a request left unanswered, and answers when the registry does again', async () => {
    registry.handler = () => {
      // Never answered: the connection stays open with nothing coming.
    };
    const error = await failureOf(client.versions('orders-value'));
    expectUnavailable(error, /^no answer within 500 ms/);
    expect(isError((error as RegistryUnavailableError).cause)).toBe(true);

    registry.handler = (_req, res) => answerJson(res, [1, 2]);
    expect(await client.versions('orders-value')).toEqual([1, 2]);
  });

  it('reports an unexpected status and an unparsable answer as unavailable', async () => {
    registry.handler = (_req, res) => answerJson(res, { message: 'boom' }, 500);
    expectUnavailable(
      await failureOf(client.versions('orders-value')),
      /^answered HTTP 500$/,
    );

    registry.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>');
    };
    const error = await failureOf(client.versions('orders-value'));
    expectUnavailable(error, /^answered with invalid JSON; caused by /);
    // The parser's error (from fetch's own realm, so not by instanceof).
    const { cause } = error as RegistryUnavailableError;
    expect(isError(cause) && cause.message).toMatch(/JSON/);
  });

  it('takes a 404 soon after an outage for a registry still starting up, and trusts it again later', async () => {
    const notFound = (_req: unknown, res: any) =>
      answerJson(res, { error_code: 40401, message: 'not found' }, 404);
    registry.handler = notFound;
    // Before any outage a 404 means what it says.
    expect(await failureOf(client.versions('orders-value'))).toBeInstanceOf(
      NotFoundError,
    );

    const now = jest.spyOn(Date, 'now');
    try {
      await registry.stop();
      await failureOf(client.versions('orders-value'));
      await registry.start();
      registry.handler = notFound;
      // Back, but not loaded yet: not to be trusted, and a 503 by type.
      const early = await failureOf(client.versions('orders-value'));
      expectUnavailable(early, /^is starting up/);
      expect((early as RegistryUnavailableError).cause).toBeInstanceOf(
        NotFoundError,
      );
      // Once the registry has had time to load, 404 is "no such subject".
      const later = Date.now() + SETTLING_MS + 1;
      now.mockReturnValue(later);
      expect(await failureOf(client.versions('orders-value'))).toBeInstanceOf(
        NotFoundError,
      );
    } finally {
      now.mockRestore();
    }
  });
});
