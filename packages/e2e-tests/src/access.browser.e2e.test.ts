import type {
  DataProductEntity,
  ProductAccessResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createTopics,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { clusterConfig } from '@kafka-mesh/local-stack';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from 'kafkajs';
import type { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { RunningBackend, startBackend } from 'backend/testing';
import { launchChromium } from './browser';
import { buildApp } from './buildApp';
import { testResults } from './repoPaths';
import { signedInContext } from './__testUtils__/browserUser';
import { firstRecordAs, kafkaAclsOf } from './__testUtils__/accessKit';
import { PortalApi } from './__testUtils__/portalApi';

// The access workflow in a real Chromium against the built portal on the
// secured broker: a consumer team asks for access on a restricted product's
// Access tab, the owning team approves it from its group page's card and
// the tab, sees the grant's ACLs and a hand-made ACL flagged as drift, and
// revokes it. The broker (a consumer reading as the principal, kafka-acls)
// is the witness of what the buttons did. The steps build on each other.
jest.setTimeout(180_000);

const screenshots = path.join(testResults, 'screenshots');
const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-access-ui-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

const OWNER = 'amara.okafor'; // checkout-team, owns the product
const REQUESTER = 'chloe.martin'; // customer-team, owns consumer-app-1

/** packages/demo-mesh/catalog/principals.yaml */
const PRINCIPAL_REF = 'resource:default/consumer-app-1';
const PRINCIPAL = 'consumer-app-1';
const BROKER_PRINCIPAL = `User:${PRINCIPAL}`;
/** Granted by hand on the broker, past the portal. */
const STRANGER = 'User:consumer-app-3';

/** A prefix of this run only, so that concurrent runs' ACLs never meet. */
const groupPrefix = `${PRINCIPAL}-ui-${run}-`;
const purpose = 'Reconcile payments in the customer ledger';

const name = `payments-ui-${run}`;
const topic = `commerce.${name}.v1`;
const product: DataProductEntity = makeDataProduct(name, topic, {
  classification: 'restricted',
});
const title = product.metadata.title!;

/** The whole page; `fullPage: false` for a dialog (its backdrop covers the viewport only). */
async function shoot(page: Page, file: string, { fullPage = true } = {}) {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({
    path: path.join(screenshots, `${file}.png`),
    fullPage,
    // Transitions (a field's focus underline, a button turning enabled)
    // end before the picture is taken.
    animations: 'disabled',
  });
}

/**
 * One titled section of the Access tab (a table or card): the innermost
 * Paper holding a heading with that title.
 */
function section(page: Page, heading: string): Locator {
  return page
    .locator('.MuiPaper-root')
    .filter({ has: page.getByRole('heading', { name: heading, exact: true }) })
    .last();
}

/** The table row of a section holding `text`. */
function rowOf(page: Page, heading: string, text: string): Locator {
  return section(page, heading).locator('tr').filter({ hasText: text });
}

/**
 * Reloads the page until `expectation` holds: the tab shows the access as
 * it was loaded, and the ACL worker applies grants after the decision.
 */
async function reloadUntil(
  page: Page,
  expectation: () => Promise<void>,
  deadlineMs = 60_000,
) {
  await eventually(
    async () => {
      await page.reload();
      await expectation();
    },
    { deadlineMs, intervalMs: 1000 },
  );
}

describe('the Access tab in Chromium, on the secured broker', () => {
  let backend: RunningBackend;
  let browser: Browser;
  let owner: PortalApi;
  let requesterPage: Page;
  let ownerPage: Page;
  const contexts: BrowserContext[] = [];
  let kafkaAdmin: Admin;
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });
  const registry = new SchemaRegistryRestClient({ url: registryUrl });
  const accessTab = () =>
    `${backend.baseUrl}/catalog/default/dataproduct/${name}/access`;

  const accessOf = async () => {
    const { status, body } = await owner.request<ProductAccessResponse>(
      'GET',
      `/api/data-mesh/products/default/${name}/access`,
    );
    expect(status).toBe(200);
    return body;
  };

  beforeAll(async () => {
    // A no-op within a jest run: the global setup built the app once.
    buildApp();
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    // The product's topic, its schema and one record for the consumer.
    await createTopics(kafkaAdmin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    await registry.register(`${topic}-value`, {
      schema: JSON.stringify({
        type: 'record',
        name: 'Payment',
        namespace: 'e2e',
        fields: [{ name: 'paymentId', type: 'string' }],
      }),
      schemaType: 'AVRO',
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: `first of ${name}` }] });
    await producer.disconnect();

    backend = await startBackend({ dataMesh: { registryTopic } });
    owner = await eventually(() => PortalApi.signInAs(backend.baseUrl, OWNER), {
      deadlineMs: 120_000,
      intervalMs: 1000,
    });
    // The principals are catalog entities of the demo's organisation.
    await eventually(
      async () => {
        if (!(await owner.entity(PRINCIPAL_REF))) {
          throw new Error(`${PRINCIPAL_REF} is not in the catalog yet`);
        }
      },
      { deadlineMs: 120_000, intervalMs: 1000 },
    );
    // Published by its owner through the REST API.
    const put = await owner.request(
      'PUT',
      `/api/data-mesh/products/default/${name}`,
      product,
    );
    if (put.status !== 201) {
      throw new Error(`publishing ${name}: HTTP ${put.status}`);
    }
    await eventually(async () => {
      if (!(await owner.entity(`dataproduct:default/${name}`))) {
        throw new Error(`${name} is not in the catalog yet`);
      }
    });

    browser = await launchChromium();
    for (const [user, assign] of [
      [REQUESTER, (p: Page) => (requesterPage = p)],
      [OWNER, (p: Page) => (ownerPage = p)],
    ] as const) {
      const { context, page } = await signedInContext(
        browser,
        backend.baseUrl,
        user,
      );
      contexts.push(context);
      assign(page);
    }
  }, 420_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await backend?.stop();
    if (kafkaAdmin) {
      // ACLs outlive their topic: this run's, on its topic and groups only.
      await kafkaAdmin
        .deleteAcls({
          filters: [
            {
              resourceType: AclResourceTypes.TOPIC,
              resourceName: topic,
              resourcePatternType: ResourcePatternTypes.LITERAL,
              host: '*',
              operation: AclOperationTypes.ANY,
              permissionType: AclPermissionTypes.ANY,
            },
            {
              resourceType: AclResourceTypes.GROUP,
              resourceName: groupPrefix,
              resourcePatternType: ResourcePatternTypes.PREFIXED,
              host: '*',
              operation: AclOperationTypes.ANY,
              permissionType: AclPermissionTypes.ANY,
            },
          ],
        })
        .catch(() => undefined);
      await kafkaAdmin
        .deleteTopics({ topics: [topic, registryTopic] })
        .catch(() => undefined);
      await kafkaAdmin.disconnect();
    }
    await registry.deleteSubject(`${topic}-value`).catch(() => undefined);
  });

  it('lets the consumer team request access for its principal', async () => {
    const page = requesterPage;
    // Nothing to read before anyone decided.
    expect(await firstRecordAs(PRINCIPAL, topic, `${groupPrefix}0`)).toEqual({
      refused: 'TOPIC_AUTHORIZATION_FAILED',
    });

    await page.goto(accessTab());
    await page.getByText("Access needs the owner's approval.").waitFor();
    await page.getByRole('button', { name: 'Request access' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('heading', { name: `Request access to ${title}` })
      .waitFor();
    await dialog.getByLabel('Kafka principal').selectOption(PRINCIPAL_REF);
    await dialog.getByText(`On the broker: ${BROKER_PRINCIPAL}`).waitFor();
    await dialog.getByLabel('Consumer-group prefix').fill(groupPrefix);
    await dialog.getByLabel('Purpose').fill(purpose);
    await dialog.getByLabel('Duration').selectOption('P30D');
    const send = dialog.getByRole('button', { name: 'Send request' });
    await eventually(async () => expect(await send.isEnabled()).toBe(true), {
      deadlineMs: 10_000,
    });
    await shoot(page, 'access-request-dialog', { fullPage: false });
    await send.click();

    await dialog.waitFor({ state: 'detached' });
    await page
      .getByText(
        `Your request for ${BROKER_PRINCIPAL} was sent. The product's owners will decide on it.`,
      )
      .waitFor();
    const pending = rowOf(page, 'Pending requests', BROKER_PRINCIPAL);
    await pending.getByText(purpose).waitFor();
    await pending.getByText(`${groupPrefix}*`).waitFor();
    await pending.getByText('30 days').waitFor();
    // The requester sees the request, but no decision buttons.
    expect(await page.getByRole('button', { name: /^Approve/ }).count()).toBe(
      0,
    );
    await shoot(page, 'access-pending');

    const access = await accessOf();
    expect(access.pending).toEqual([
      expect.objectContaining({
        principal: BROKER_PRINCIPAL,
        groupPrefix,
        purpose,
        duration: 'P30D',
        status: 'pending',
        requestedBy: `user:default/${REQUESTER}`,
      }),
    ]);
    expect(kafkaAclsOf(['--topic', topic])).toEqual([]);
  });

  it("shows the request on the owning team's page, and the owner approves it on the Access tab", async () => {
    const page = ownerPage;
    await page.goto(`${backend.baseUrl}/catalog/default/group/checkout-team`);
    const card = page.locator('.MuiCard-root').filter({
      hasText: 'Pending requests for data products you may decide on',
    });
    const request = card.locator('tr').filter({ hasText: purpose });
    await request.getByText(BROKER_PRINCIPAL).waitFor({ timeout: 60_000 });
    await request.getByText(`${groupPrefix}*`).waitFor();
    await request
      .getByRole('button', { name: `Approve access for ${BROKER_PRINCIPAL}` })
      .waitFor();
    // For the picture only: the group's relations graph draws late.
    await page
      .locator('svg text', { hasText: 'Amara Okafor' })
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    await shoot(page, 'access-group-card');

    await page.goto(accessTab());
    await page.getByText('You may decide on requests here.').waitFor();
    // Owners decide; they do not ask.
    expect(
      await page.getByRole('button', { name: 'Request access' }).count(),
    ).toBe(0);
    const pending = rowOf(page, 'Pending requests', BROKER_PRINCIPAL);
    await pending
      .getByLabel(`Note for ${BROKER_PRINCIPAL}`)
      .fill('For the Q4 close');
    await pending
      .getByRole('button', { name: `Approve access for ${BROKER_PRINCIPAL}` })
      .click();
    await section(page, 'Pending requests')
      .getByText('No request waits for a decision.')
      .waitFor();

    // The ACL worker applies the grant after the decision.
    await reloadUntil(page, async () => {
      await rowOf(page, 'Grants', BROKER_PRINCIPAL)
        .getByText('applied', { exact: true })
        .waitFor({ timeout: 5_000 });
    });
    const grant = rowOf(page, 'Grants', BROKER_PRINCIPAL);
    await grant.getByText(purpose).waitFor();
    await grant.getByText(`${groupPrefix}*`).waitFor();
    await grant
      .getByRole('button', { name: `Revoke access for ${BROKER_PRINCIPAL}` })
      .waitFor();
    const reader = rowOf(page, 'Who can read', BROKER_PRINCIPAL);
    await reader.getByText(`read topic ${topic}`, { exact: true }).waitFor();
    await reader.getByText(`read groups ${groupPrefix}*`).waitFor();
    await reader.getByText('in sync').waitFor();
    await rowOf(page, 'History', 'approved')
      .getByText('For the Q4 close')
      .waitFor();
    await shoot(page, 'access-granted');

    // The broker agrees: the principal reads, within its groups.
    expect(kafkaAclsOf(['--topic', topic])).toEqual([
      `${BROKER_PRINCIPAL} DESCRIBE`,
      `${BROKER_PRINCIPAL} READ`,
    ]);
    expect(await firstRecordAs(PRINCIPAL, topic, `${groupPrefix}1`)).toEqual({
      value: `first of ${name}`,
    });
    expect(
      (await accessOf()).grants.map(g => [g.decidedBy, g.decisionNote]),
    ).toEqual([[`user:default/${OWNER}`, 'For the Q4 close']]);
  });

  it('flags an ACL granted by hand on the broker as unrequested', async () => {
    const page = ownerPage;
    await kafkaAdmin.createAcls({
      acl: [
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: topic,
          resourcePatternType: ResourcePatternTypes.LITERAL,
          principal: STRANGER,
          host: '*',
          operation: AclOperationTypes.READ,
          permissionType: AclPermissionTypes.ALLOW,
        },
      ],
    });
    await reloadUntil(page, async () => {
      await rowOf(page, 'Who can read', STRANGER)
        .getByText('unrequested', { exact: true })
        .waitFor({ timeout: 5_000 });
    });
    const stranger = rowOf(page, 'Who can read', STRANGER);
    await stranger.getByText(`read topic ${topic}`).waitFor();
    await stranger.getByText('(nobody requested it)').waitFor();
    // The granted principal stays in sync beside it.
    await rowOf(page, 'Who can read', BROKER_PRINCIPAL)
      .getByText('in sync')
      .waitFor();
    await shoot(page, 'access-drift');

    expect((await accessOf()).drift).toEqual([
      expect.objectContaining({
        kind: 'unrequested',
        acl: expect.objectContaining({
          principal: STRANGER,
          operation: 'read',
        }),
      }),
    ]);
  });

  it('revokes the grant: its ACLs go, and the history says so', async () => {
    const page = ownerPage;
    const grant = rowOf(page, 'Grants', BROKER_PRINCIPAL);
    await grant.getByLabel(`Note for ${BROKER_PRINCIPAL}`).fill('Q4 closed');
    await grant
      .getByRole('button', { name: `Revoke access for ${BROKER_PRINCIPAL}` })
      .click();
    await section(page, 'Grants')
      .getByText('Nobody has been granted access yet.')
      .waitFor();

    // The ACL worker deletes the ACLs after the decision.
    await reloadUntil(page, async () => {
      await rowOf(page, 'History', 'deleted ACLs')
        .first()
        .waitFor({ timeout: 5_000 });
    });
    await rowOf(page, 'History', 'revoked').getByText('Q4 closed').waitFor();
    await rowOf(page, 'History', 'deleted ACLs')
      .getByText(`deleted: ${BROKER_PRINCIPAL} read topic ${topic}`)
      .waitFor();
    // consumer-app-1 is gone from who can read; the hand-made ACL stays.
    expect(await rowOf(page, 'Who can read', BROKER_PRINCIPAL).count()).toBe(0);
    await rowOf(page, 'Who can read', STRANGER)
      .getByText('unrequested')
      .waitFor();
    await shoot(page, 'access-history');

    const history = (await accessOf()).history.map(e => e.action);
    expect(history).toEqual(
      expect.arrayContaining(['revoked', 'acls-deleted']),
    );
    expect(kafkaAclsOf(['--topic', topic])).toEqual([`${STRANGER} READ`]);
    expect(await firstRecordAs(PRINCIPAL, topic, `${groupPrefix}2`)).toEqual({
      refused: 'TOPIC_AUTHORIZATION_FAILED',
    });
  });
});
