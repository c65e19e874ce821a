import {
  DATA_MESH_API_VERSION,
  DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  SchemaRegistryRestClient,
  createKafka,
  ensureRegistryTopic,
  publishDescriptor,
  createTopics,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RunningBackend, startBackend } from 'backend/testing';
import { launchChromium } from './browser';
import { buildApp } from './buildApp';

/** The product the wizard's products are built from: weaker than they declare. */
export type InputProduct = { name: string; title: string; ref: string };

/**
 * The portal as the create wizard needs it: the built app served by the real
 * backend with the data mesh scaffolder actions, a fresh registry topic
 * holding one input product, a signed-in guest in Chromium, and a private
 * folder for the repositories the template creates.
 */
export type WizardPortal = {
  backend: RunningBackend;
  browser: Browser;
  page: Page;
  input: InputProduct;
  /** Topics and schema subjects a wizard run created, removed on stop. */
  created: { topics: string[]; subjects: string[] };
  /**
   * Creates a topic with a registered Avro value schema and no product: a
   * stream the "Add a stream to the mesh" template offers.
   */
  createCandidateStream(): Promise<{ topic: string; subject: string }>;
  stop(): Promise<void>;
};

function stackAddresses() {
  return {
    registryUrl:
      process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
      'http://localhost:8081/apis/ccompat/v7',
  };
}

function inputDescriptor(name: string, title: string): DataProductEntity {
  return {
    apiVersion: DATA_MESH_API_VERSION,
    kind: 'DataProduct',
    metadata: {
      name,
      title,
      description: 'Upstream product of the create wizard test.',
      tags: ['e2e'],
    },
    spec: {
      owner: 'group:default/guests',
      domain: 'commerce',
      lifecycle: 'production',
      output: { cluster: 'local', topic: `e2e.${name}.v1`, format: 'avro' },
      // Weaker than the wizard's products declare, field by field, so the
      // effective SLA preview has something to warn about.
      sla: {
        tier: 'tier-2',
        availability: 99.5,
        freshness: 'PT15M',
        supportHours: 'business-hours',
        onCall: 'https://oncall.example.com/e2e',
      },
    },
  };
}

/** Signs in with the guest provider and waits for the app shell. */
export async function signInAsGuest(page: Page, baseUrl: string) {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: /enter/i }).click();
  await page.getByRole('link', { name: 'Data mesh' }).first().waitFor();
}

/**
 * Starts everything the create wizard needs. `build: false` skips building
 * the frontend, for callers that just built it.
 */
export async function startWizardPortal({
  build = true,
}: { build?: boolean } = {}): Promise<WizardPortal> {
  if (build) buildApp();
  const run = randomUUID().slice(0, 8);
  const registryTopic = `_data-products-wizard-${run}`;
  const input: InputProduct = {
    name: `wizard-input-${run}`,
    title: `Wizard input ${run}`,
    ref: `dataproduct:default/wizard-input-${run}`,
  };
  const repositories = fs.mkdtempSync(
    path.join(os.tmpdir(), 'data-mesh-wizard-repos-'),
  );
  const { registryUrl } = stackAddresses();
  // The test's fixtures (topics, the input's descriptor) as the broker's
  // admin; the backend connects as the portal (startBackend's default).
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });

  const admin = kafka.admin();
  await admin.connect();
  await ensureRegistryTopic(admin, registryTopic);
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await publishDescriptor(
    producer,
    registryTopic,
    inputDescriptor(input.name, input.title),
  );
  await producer.disconnect();

  const backend = await startBackend({
    dataMesh: {
      registryTopic,
      scaffolder: { localRepositories: { root: repositories } },
    },
  });
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  const created = { topics: [] as string[], subjects: [] as string[] };
  const registry = new SchemaRegistryRestClient({ url: registryUrl });

  const createCandidateStream = async () => {
    const topic = `e2e.candidate-${randomUUID().slice(0, 8)}.v1`;
    const subject = `${topic}-value`;
    created.topics.push(topic);
    created.subjects.push(subject);
    const topicAdmin = kafka.admin();
    await topicAdmin.connect();
    await createTopics(topicAdmin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    await topicAdmin.disconnect();
    await registry.register(subject, {
      schemaType: 'AVRO',
      schema: JSON.stringify({
        type: 'record',
        name: 'Click',
        namespace: 'e2e',
        fields: [{ name: 'url', type: 'string' }],
      }),
    });
    return { topic, subject };
  };

  const stop = async () => {
    await browser.close();
    await backend.stop();
    const cleanupAdmin = kafka.admin();
    await cleanupAdmin.connect();
    await cleanupAdmin
      .deleteTopics({ topics: [registryTopic, ...created.topics] })
      .catch(() => undefined);
    await cleanupAdmin.disconnect();
    await Promise.all(
      created.subjects.map(s => registry.deleteSubject(s).catch(() => {})),
    );
    fs.rmSync(repositories, { recursive: true, force: true });
  };

  try {
    await signInAsGuest(page, backend.baseUrl);
    // The input must be in the catalog before the wizard offers it.
    await page.goto(`${backend.baseUrl}/data-mesh`);
    await page
      .getByRole('link', { name: input.title })
      .waitFor({ timeout: 90_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    backend,
    browser,
    page,
    input,
    created,
    createCandidateStream,
    stop,
  };
}
