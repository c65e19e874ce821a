import { once } from 'node:events';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * An HTTP server standing in for the registry in unit tests, which can go
 * away and come back on the same port, as a restarted registry does.
 */
export class FakeRegistry {
  /** What the registry does with a request; replace it to change that. */
  handler: FakeHandler = (_req, res) => {
    res.writeHead(404).end();
  };
  /** Requests received since it was created. */
  requests = 0;
  private port = 0;
  private server?: Server;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens, on the port of the last start if there was one. */
  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.requests += 1;
      this.handler(req, res);
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /**
   * Goes away as a stopped process does: the port closes, and so does every
   * connection, the idle keep-alive ones and those with a request held.
   */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }
}

/** Answers with JSON, as the registry's Confluent API does. */
export function answerJson(res: ServerResponse, body: unknown, status = 200) {
  res
    .writeHead(status, {
      'Content-Type': 'application/vnd.schemaregistry.v1+json',
    })
    .end(JSON.stringify(body));
}
