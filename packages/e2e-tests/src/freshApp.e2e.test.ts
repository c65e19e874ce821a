import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  DATA_MESH_API_VERSION,
  DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import { eventually } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createSchemaRegistry,
  createTopics,
  ensureRegistryTopic,
  publishDescriptor,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort } from 'backend/testing';
import { GeneratedRepo } from './__testUtils__/generatedRepo';
import { describeRun, PortalApi } from './__testUtils__/portalApi';
import { launchChromium } from './browser';
import {
  addBackendFeatures,
  addCatalogConfig,
  addOtherTeam,
  buildFrontend,
  checkFrontendDiscovery,
  createApp,
  installPlugins,
  OTHER_TEAM,
  packPlugins,
  Phases,
  pinApp,
  RunningApp,
  startApp,
  swapPermissionPolicy,
  writeLocalConfig,
} from './freshApp/freshApp';
import { testResults } from './repoPaths';

// "Installable into any Backstage app": the seven packages packed with
// `yarn pack`, an app made by @backstage/create-app outside the repo and
// pinned to our Backstage release, the tarballs installed and the READMEs'
// steps applied (freshApp/STEPS.md), the app built and started on the local
// stack, and Chromium driven through what a user of the suite sees. The
// data mesh's permission policy replaces create-app's allow-all one, so
// ownership is enforced in the app too.
//
// Debugging: FRESH_APP_KEEP=1 keeps the temporary folder (its path is
// printed); FRESH_APP_REUSE=<that folder> starts its app again without
// packing, creating, installing or building.
jest.setTimeout(120_000);

const screenshots = path.join(testResults, 'screenshots');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-fresh-app-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

// The product: owned by the create-app example org's group that the guest
// is a member of.
const name = `fresh-orders-${run}`;
const title = `Fresh app orders ${run}`;
const topic = `commerce.${name}.v1`;
const owner = 'group:default/guests';

const orderSchema = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'freshapp',
  fields: [
    { name: 'orderId', type: 'string', doc: 'Order number' },
    { name: 'country', type: 'string' },
    { name: 'amountCents', type: 'long' },
  ],
};

const product: DataProductEntity = {
  apiVersion: DATA_MESH_API_VERSION,
  kind: 'DataProduct',
  metadata: {
    name,
    title,
    description: 'Orders placed, published from an app made by create-app.',
    tags: ['orders'],
  },
  spec: {
    owner,
    domain: 'commerce',
    lifecycle: 'production',
    output: { cluster: 'local', topic, format: 'avro' },
    sla: {
      tier: 'tier-2',
      availability: 99.5,
      freshness: 'PT5M',
      supportHours: 'business-hours',
      onCall: 'https://oncall.example.com/guests',
    },
  },
};

// A product of a team the guest is not in (a second group added to the
// app's example org), published straight to the registry topic.
const othersName = `fresh-others-${run}`;
const othersTopic = `commerce.${othersName}.v1`;
const othersProduct: DataProductEntity = {
  ...product,
  metadata: {
    name: othersName,
    title: `Another team's orders ${run}`,
    description: 'Orders of a team the guest is not a member of.',
  },
  spec: {
    ...product.spec,
    owner: OTHER_TEAM,
    output: { cluster: 'local', topic: othersTopic, format: 'avro' },
  },
};

// What the Create data product template makes, through the app's scaffolder.
const created = `fresh-created-${run}`;
const createdTopic = `commerce.${created}.v1`;

const TEMPLATE_TITLES = [
  'Create data product',
  'Add a stream to the mesh',
  'Create consumer app',
  'Deprecate data product',
];

async function shoot(page: Page, shot: string) {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({
    path: path.join(screenshots, `fresh-app-${shot}.png`),
    fullPage: true,
  });
}

describe('the suite installed from its tarballs into a fresh create-app app', () => {
  const reuse = process.env.FRESH_APP_REUSE;
  const tmp = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fresh-app-'));
  const appDir = path.join(tmp, 'app');
  const logFile = path.join(testResults, 'fresh-app-install.log');
  const phases = new Phases();
  // Fixtures (topics, records, the other team's product) as the broker's
  // admin; the app connects as the portal.
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });
  const registryClient = new SchemaRegistryRestClient({ url: registryUrl });
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const url = (p: string) => `${app!.baseUrl}${p}`;

  beforeAll(async () => {
    fs.mkdirSync(testResults, { recursive: true });
    fs.writeFileSync(logFile, '');
    process.stderr.write(`[fresh-app] working in ${tmp}\n`);

    if (!reuse) {
      const tarballs = await phases.run('build and pack the plugins', () =>
        packPlugins(path.join(tmp, 'tarballs'), logFile),
      );
      await phases.run('create-app', () => createApp(appDir, logFile));
      await phases.run('pin to our release', () => pinApp(appDir, logFile));
      await phases.run('install the tarballs', () =>
        installPlugins(appDir, tarballs, logFile),
      );
      // The READMEs' code and config steps (no time worth measuring).
      addBackendFeatures(appDir);
      swapPermissionPolicy(appDir);
      checkFrontendDiscovery(appDir);
      addCatalogConfig(appDir);
      addOtherTeam(appDir);
      await phases.run('build the frontend', () =>
        buildFrontend(appDir, logFile),
      );
    }

    // The stack's side: the registry topic, the product's topic and schema,
    // and a few records for the Live tab.
    await phases.run('topic, schema and records', async () => {
      const admin = kafka.admin();
      await admin.connect();
      await ensureRegistryTopic(admin, registryTopic);
      await createTopics(admin, {
        topics: [topic, othersTopic].map(t => ({
          topic: t,
          numPartitions: 1,
          replicationFactor: 1,
        })),
      });
      await admin.disconnect();
      const registry = createSchemaRegistry({ url: registryUrl });
      const { id } = await registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(orderSchema) },
        { subject: `${topic}-value` },
      );
      // tier-2 asks for at least BACKWARD (the governance defaults).
      await registryClient.setCompatibility(`${topic}-value`, 'BACKWARD');
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic,
        messages: await Promise.all(
          [1, 2, 3].map(async i => ({
            key: `order-${i}`,
            value: await registry.encode(id, {
              orderId: `order-${run}-${i}`,
              country: 'NL',
              amountCents: 1250 * i,
            }),
          })),
        ),
      });
      await publishDescriptor(producer, registryTopic, othersProduct);
      await producer.disconnect();
    });

    await phases.run('start', async () => {
      const port = await freePort();
      // As the portal, over the SASL_SSL listener: one real app connects
      // with TLS (the other tests use SASL_PLAINTEXT).
      const appEnv = writeLocalConfig(appDir, {
        port,
        cluster: clusterConfig('portal', { listener: 'ssl' }),
        schemaRegistryUrl: registryUrl,
        registryTopic,
        repositoriesRoot: path.join(tmp, 'repositories'),
      });
      app = await startApp(appDir, port, { env: appEnv });
    });

    // Published through the app's own REST API, signed in as the guest.
    await phases.run('publish through the app', async () => {
      const signIn = async () => {
        const res = await fetch(url('/api/auth/guest/refresh'), {
          method: 'POST',
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        });
        return (await res.json())?.backstageIdentity;
      };
      const get = (p: string, token: string) =>
        fetch(url(p), { headers: { Authorization: `Bearer ${token}` } });
      const until = (what: string, check: () => Promise<boolean>) =>
        eventually(async () => {
          if (!(await check())) throw new Error(`still waiting: ${what}`);
        });
      // The guest's group comes from the catalog's example org: once the
      // catalog holds the user, signing in resolves its membership.
      const first = await signIn();
      await until(
        'user:default/guest in the catalog',
        async () =>
          (
            await get(
              '/api/catalog/entities/by-name/user/default/guest',
              first.token,
            )
          ).status === 200,
      );
      const identity = await signIn();
      if (!identity?.identity?.ownershipEntityRefs?.includes(owner)) {
        throw new Error(
          `the guest is not a member of ${owner}: ${JSON.stringify(identity)}`,
        );
      }
      const res = await fetch(url(`/api/data-mesh/products/default/${name}`), {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${identity.token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(product),
      });
      if (res.status !== 201) {
        throw new Error(
          `publishing answered ${res.status}: ${await res.text()}`,
        );
      }
      await until(
        `dataproduct:default/${name} in the catalog`,
        async () =>
          (
            await get(
              `/api/catalog/entities/by-name/dataproduct/default/${name}`,
              identity.token,
            )
          ).status === 200,
      );
    });

    await phases.run('sign in with Chromium', async () => {
      browser = await launchChromium();
      page = await browser.newPage({
        viewport: { width: 1400, height: 1000 },
      });
      await page.goto(app!.baseUrl);
      await page.getByRole('button', { name: /enter/i }).click();
      await page.getByRole('link', { name: 'Data mesh' }).first().waitFor();
    });
    const total = phases.total();
    fs.writeFileSync(
      path.join(testResults, 'fresh-app-timings.json'),
      `${JSON.stringify({ phases: phases.times, total }, null, 2)}\n`,
    );
  }, 45 * 60_000);

  afterAll(async () => {
    await browser?.close();
    if (app) {
      fs.writeFileSync(
        path.join(testResults, 'fresh-app-backend.log'),
        app.output(),
      );
    }
    await app?.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [topic, othersTopic, registryTopic] })
      .catch(() => undefined);
    await admin.disconnect();
    await registryClient.deleteSubject(`${topic}-value`).catch(() => undefined);
    if (!reuse && process.env.FRESH_APP_KEEP !== '1') {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);

  it('lists the published product on the discovery page', async () => {
    await page.goto(url('/data-mesh'));
    await page.getByRole('link', { name: title }).waitFor();
    expect(
      await page.getByText(product.metadata.description!).count(),
    ).toBeGreaterThan(0);
    await shoot(page, 'discovery');
  });

  it("shows the product's overview card on its entity page", async () => {
    await page.goto(url(`/catalog/default/dataproduct/${name}`));
    const card = page
      .locator('article, .MuiCard-root')
      .filter({ hasText: 'Data product' })
      .first();
    await card.getByText(topic).first().waitFor();
    expect(await card.getByText('tier-2').count()).toBeGreaterThan(0);
    // The SLA's freshness as people say it, the ISO value in its label.
    expect(await card.getByLabel('5 min (PT5M)').count()).toBeGreaterThan(0);
    await shoot(page, 'overview');
  });

  it('shows the schema from the registry on the Schema tab', async () => {
    await page.goto(url(`/catalog/default/dataproduct/${name}/schema`));
    await page.getByText('amountCents').first().waitFor();
    expect(await page.getByText('orderId').count()).toBeGreaterThan(0);
    await shoot(page, 'schema');
  });

  it('shows health and sample messages on the Live tab', async () => {
    await page.goto(url(`/catalog/default/dataproduct/${name}/live`));
    await page.getByText('Sample messages').first().waitFor();
    await page.getByText(`order-${run}-1`).first().waitFor();
    await page.getByText('Freshness and throughput').first().waitFor();
    expect(await page.getByText(`order-${run}-3`).count()).toBeGreaterThan(0);
    await shoot(page, 'live');
  });

  it('draws the lineage with the tier and freshness of the product', async () => {
    await page.goto(url(`/catalog/default/dataproduct/${name}/lineage`));
    await page.locator('svg text', { hasText: title }).first().waitFor();
    const tierAndFreshness = page.locator('svg text', {
      hasText: 'tier-2 · fresh',
    });
    await tierAndFreshness.first().waitFor();
    expect(await tierAndFreshness.count()).toBeGreaterThan(0);
    await shoot(page, 'lineage');
  });

  it("lists the team's products on its group page", async () => {
    await page.goto(url('/catalog/default/group/guests'));
    const card = page
      .locator('article, .MuiCard-root')
      .filter({ hasText: 'Data products' })
      .first();
    await card.getByRole('link', { name: title }).waitFor();
    expect(await card.getByText('tier-2').count()).toBeGreaterThan(0);
    await shoot(page, 'group');
  });

  it('lists the four data mesh templates in the scaffolder', async () => {
    await page.goto(url('/create'));
    for (const template of TEMPLATE_TITLES) {
      await page.getByText(template, { exact: true }).first().waitFor();
    }
    expect(
      await page.getByText('data-mesh', { exact: true }).count(),
    ).toBeGreaterThanOrEqual(TEMPLATE_TITLES.length);
    await shoot(page, 'create');
  });

  it('runs the Create data product template from the installed package', async () => {
    // As the template's form submits it, signed in as the guest.
    const api = await PortalApi.signInAsGuest(app!.baseUrl);
    const result = await api.runTemplate('create-data-product', {
      owner,
      domain: 'domain:default/commerce',
      name: created,
      title: `Created in the fresh app ${run}`,
      description: 'Made by the template shipped in the scaffolder module.',
      tags: ['orders'],
      major: 1,
      lifecycle: 'production',
      sla: product.spec.sla,
      quality: 'curated',
      classification: 'internal',
      piiFields: [],
      inputs: [],
      acknowledgeSlaAboveInputs: false,
      format: 'avro',
      schema: JSON.stringify(orderSchema, null, 2),
      cluster: 'local',
      partitions: 1,
    });
    if (result.status !== 'completed') throw new Error(describeRun(result));
    // The skeleton came out of node_modules whole, .gitignore included.
    const repo = new GeneratedRepo(path.join(tmp, 'repositories', created));
    expect(await repo.committedFiles()).toEqual(
      [
        '.gitignore',
        'README.md',
        'catalog-info.yaml',
        'data-product.yaml',
        'package.json',
        `schema/${created}.avsc`,
        'src/producer.ts',
        'src/product.ts',
        'tsconfig.json',
      ].sort(),
    );
    await page.goto(url(`/catalog/default/dataproduct/${created}`));
    await page.getByText(createdTopic).first().waitFor();
    expect(
      await page.getByText(`Created in the fresh app ${run}`).count(),
    ).toBeGreaterThan(0);
    await shoot(page, 'created-product');
  });

  it("refuses the guest changes to another team's products", async () => {
    // Signed in as the guest, a member of group:default/guests only.
    const api = await PortalApi.signInAsGuest(app!.baseUrl);
    const othersRef = `dataproduct:default/${othersName}`;
    await eventually(async () => {
      if (!(await api.entity(othersRef))) {
        throw new Error(`still waiting: ${othersRef} in the catalog`);
      }
    });
    expect(await api.entity(`group:default/other-team`)).toBeDefined();

    // Publishing a new product in another team's name.
    const stranger = `fresh-stranger-${run}`;
    const publishForOthers = await api.request(
      'PUT',
      `/api/data-mesh/products/default/${stranger}`,
      {
        ...othersProduct,
        metadata: { ...othersProduct.metadata, name: stranger },
        spec: {
          ...othersProduct.spec,
          output: {
            cluster: 'local',
            topic: `commerce.${stranger}.v1`,
            format: 'avro',
          },
        },
      },
    );
    expect(publishForOthers.status).toBe(403);
    expect(JSON.stringify(publishForOthers.body)).toContain(OTHER_TEAM);

    // Changing the other team's product.
    const change = await api.request(
      'PUT',
      `/api/data-mesh/products/default/${othersName}`,
      {
        ...othersProduct,
        metadata: { ...othersProduct.metadata, title: 'Taken over' },
      },
    );
    expect(change.status).toBe(403);

    // Unpublishing it.
    const unpublish = await api.request(
      'DELETE',
      `/api/data-mesh/products/default/${othersName}`,
    );
    expect(unpublish.status).toBe(403);

    // Neither written: the product is still there, as its team left it.
    expect((await api.entity(othersRef))?.metadata.title).toBe(
      othersProduct.metadata.title,
    );
    expect(await api.entity(`dataproduct:default/${stranger}`)).toBeUndefined();
  });
});
