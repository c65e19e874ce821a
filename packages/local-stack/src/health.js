'use strict';

// Health probes that speak each server's own protocol: an open port alone says
// nothing (a JVM binds its sockets long before it can serve requests).

const net = require('net');
const http = require('http');
const https = require('https');

/**
 * Sends a Kafka ApiVersions v0 request and resolves true when the broker
 * answers it without error. A KRaft broker only accepts client requests once
 * it has joined the quorum and been unfenced, so this means "usable".
 */
function kafkaApiVersions(host, port, timeoutMs = 2000) {
  return new Promise(resolve => {
    const correlationId = 42;
    const clientId = Buffer.from('local-stack-health');
    // size | api_key=18 (ApiVersions) | api_version=0 | correlation_id | client_id
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
    body.writeInt16BE(18, 0);
    body.writeInt16BE(0, 2);
    body.writeInt32BE(correlationId, 4);
    body.writeInt16BE(clientId.length, 8);
    clientId.copy(body, 10);
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length);

    let received = Buffer.alloc(0);
    const socket = net.connect({ host, port });
    const done = ok => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
    socket.on('connect', () => socket.write(Buffer.concat([size, body])));
    socket.on('data', chunk => {
      received = Buffer.concat([received, chunk]);
      // Response: size | correlation_id | error_code | ...
      if (received.length < 10) return;
      done(
        received.readInt32BE(4) === correlationId &&
          received.readInt16BE(8) === 0,
      );
    });
  });
}

/** True if any broker of a "host:port,host:port" list answers. */
async function kafkaHealthy(brokers) {
  for (const broker of brokers.split(',')) {
    const i = broker.lastIndexOf(':');
    const host = broker
      .slice(0, i)
      .trim()
      .replace(/^\[|\]$/g, '');
    if (await kafkaApiVersions(host, Number(broker.slice(i + 1)))) return true;
  }
  return false;
}

/** Resolves the HTTP status of a GET (0 when unreachable), never rejects. */
function httpStatus(url, timeoutMs = 3000, headers = {}) {
  return new Promise(resolve => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.get(url, { timeout: timeoutMs, headers }, res => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
  });
}

module.exports = { kafkaHealthy, httpStatus };
