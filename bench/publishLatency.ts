/*
 * Publish → visible: the time from producing a descriptor to the entity
 * being readable through the catalog REST API of the real portal backend,
 * over N sequential publishes. A measurement, not a test: it asserts nothing.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/publishLatency.ts [N]
 */
import {
  createKafka,
  publishDescriptor,
} from '@kafka-mesh/plugin-data-mesh-node';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend } from '../packages/backend/src/testing/startBackend';

const stack = require('@kafka-mesh/local-stack');

const TOKEN = 'bench-token';
const runs = Number(process.argv[2] ?? 30);

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function main() {
  const { brokers, registryUrl, started } = await stack.up({ log: () => {} });
  process.env.DATA_MESH_KAFKA_BROKERS = brokers;
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL = registryUrl;
  const run = randomUUID().slice(0, 8);
  const registryTopic = `_data-products-bench-${run}`;
  const backend = await startBackend({
    dataMesh: { registryTopic },
    backend: {
      auth: {
        externalAccess: [
          { type: 'static', options: { token: TOKEN, subject: 'bench' } },
        ],
      },
    },
  });
  const kafka = createKafka(
    { name: 'local', brokers: brokers.split(',') },
    { clientId: 'bench' },
  );
  const producer = kafka.producer();
  await producer.connect();

  // Warm-up: the first publish also creates the topic and joins the reader.
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const name = `latency-${run}-${i}`;
    const startedAt = performance.now();
    await publishDescriptor(producer, registryTopic, {
      apiVersion: 'kafka-mesh.io/v1alpha1',
      kind: 'DataProduct',
      metadata: { name, description: 'Publish latency probe' },
      spec: {
        owner: 'group:default/guests',
        domain: 'examples',
        lifecycle: 'experimental',
        output: { cluster: 'local', topic: `bench.${name}`, format: 'json' },
        sla: {
          tier: 'tier-3',
          availability: 99,
          freshness: 'PT1H',
          supportHours: 'business-hours',
          onCall: 'https://oncall.example.com/bench',
        },
      },
    });
    for (;;) {
      const res = await fetch(
        `${backend.baseUrl}/api/catalog/entities/by-name/dataproduct/default/${name}`,
        { headers: { Authorization: `Bearer ${TOKEN}` } },
      );
      if (res.status === 200) break;
      await new Promise(r => setTimeout(r, 25));
    }
    if (i > 0) samples.push(performance.now() - startedAt);
  }

  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [registryTopic] });
  await admin.disconnect();
  await backend.stop();
  for (const part of [...started].reverse()) await stack.stopPart(part);

  const sorted = [...samples].sort((a, b) => a - b);
  const result = {
    figure: 'publish-to-visible',
    runs: samples.length,
    p50Ms: Math.round(percentile(sorted, 50)),
    p95Ms: Math.round(percentile(sorted, 95)),
    maxMs: Math.round(sorted[sorted.length - 1]),
    machine: {
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    database: 'sqlite (in memory)',
    at: new Date().toISOString(),
  };
  const dir = path.resolve(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `publish-latency-${result.at.replace(/[:.]/g, '-')}.json`),
    `${JSON.stringify(
      { ...result, samplesMs: samples.map(Math.round) },
      null,
      2,
    )}\n`,
  );
  console.log(JSON.stringify(result));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
