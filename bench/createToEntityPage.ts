/*
 * Create → entity page: the time from pressing Create on the review page of
 * the "Create data product" wizard to the new product's entity page showing
 * its title, in a real Chromium against the real portal, over 5 wizard runs.
 * A measurement, not a test: it asserts nothing.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/createToEntityPage.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  fillCreateWizard,
  followToEntityPage,
  newProduct,
  pressCreate,
} from '../packages/e2e-tests/src/createWizard';
import { startWizardPortal } from '../packages/e2e-tests/src/wizardPortal';

const stack = require('@kafka-mesh/local-stack');

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const { brokers, registryUrl, clientsFile, started } = await stack.up({
    log: () => {},
  });
  process.env.DATA_MESH_KAFKA_BROKERS = brokers;
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL = registryUrl;
  // The secured broker's principals, as jest's global setup hands them on:
  // the wizard portal's fixtures connect as admin, its backend as portal.
  if (clientsFile) process.env[stack.CLIENTS_ENV] = clientsFile;
  const portal = await startWizardPortal();
  const samples: number[] = [];
  try {
    for (let i = 1; i <= RUNS; i++) {
      const product = newProduct('bench-created');
      portal.created.topics.push(product.topic);
      portal.created.subjects.push(product.subject);
      await fillCreateWizard(
        portal.page,
        portal.backend.baseUrl,
        product,
        portal.input,
      );
      const pressedAt = performance.now();
      await pressCreate(portal.page);
      await followToEntityPage(portal.page, product);
      const ms = Math.round(performance.now() - pressedAt);
      samples.push(ms);
      console.log(`run ${i}/${RUNS}: ${product.name} ${ms} ms`);
    }
  } finally {
    await portal.stop();
    for (const part of [...started].reverse()) await stack.stopPart(part);
  }

  const result = {
    figure: 'create-to-entity-page',
    runs: samples.length,
    medianMs: Math.round(median(samples)),
    minMs: Math.min(...samples),
    maxMs: Math.max(...samples),
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
    path.join(dir, `create-to-entity-${result.at.replace(/[:.]/g, '-')}.json`),
    `${JSON.stringify({ ...result, samplesMs: samples }, null, 2)}\n`,
  );
  console.log(`median ${result.medianMs} ms`);
  console.log(JSON.stringify(result));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
