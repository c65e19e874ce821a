import { NotFoundError } from '@backstage/errors';
import {
  KafkaUnavailableError,
  RegistryUnavailableError,
} from '@kafka-mesh/plugin-data-mesh-node';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { IngestionErrors } from '../lib/IngestionErrors';
import { createRouter, RETRY_AFTER_SECONDS } from './createRouter';

/** The router behind a stand-in for Backstage's error handler. */
function app(candidates: () => Promise<never>) {
  const server = express();
  server.use(
    createRouter({
      status: () => [],
      errors: new IngestionErrors(),
      candidates,
    }),
  );
  server.use(((error, _req, res, _next) => {
    res
      .status(error.name === 'ServiceUnavailableError' ? 503 : 500)
      .json({ error: { name: error.name, message: error.message } });
  }) as express.ErrorRequestHandler);
  return server;
}

/** GET on the app, served on a free port for the one request. */
async function get(server: express.Express, pathname: string) {
  const listening = server.listen(0);
  try {
    await new Promise(resolve => listening.once('listening', resolve));
    const { port } = listening.address() as AddressInfo;
    const res = await fetch(`http://localhost:${port}${pathname}`);
    return { status: res.status, headers: res.headers, body: await res.json() };
  } finally {
    await new Promise(resolve => listening.close(resolve));
  }
}

describe('createRouter', () => {
  it.each([
    ['Kafka', new KafkaUnavailableError('Kafka is unavailable: refused')],
    [
      'the registry',
      new RegistryUnavailableError(
        'The schema registry is unavailable: refused',
      ),
    ],
  ])('adds Retry-After to a 503 when %s is away', async (_part, error) => {
    const res = await get(
      app(async () => {
        throw error;
      }),
      '/data-mesh/candidate-streams',
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.body.error.message).toBe(error.message);
  });

  it('adds no Retry-After to other errors', async () => {
    const res = await get(
      app(async () => {
        throw new NotFoundError('nothing');
      }),
      '/data-mesh/candidate-streams',
    );
    expect(res.status).toBe(500);
    expect(res.headers.get('retry-after')).toBeNull();
  });
});
