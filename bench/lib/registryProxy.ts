import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** The registry URL to give the backend instead of the real one. */
  url: string;
  /** Requests forwarded so far. */
  count(): number;
  /** Epoch ms of the last forwarded request. */
  lastAt(): number;
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of the schema registry that counts the
 * requests it forwards: the backend's registry calls, seen from outside.
 */
export async function startCountingProxy(
  registryUrl: string,
): Promise<CountingProxy> {
  const target = new URL(registryUrl);
  let count = 0;
  let lastAt = 0;
  const server = http.createServer((req, res) => {
    count++;
    lastAt = Date.now();
    const upstream = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    count: () => count,
    lastAt: () => lastAt,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
