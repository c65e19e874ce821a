import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import {
  eventually,
  makeDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import {
  createKafka,
  createTopics,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { Admin } from 'kafkajs';
import { clusterConfig } from '@kafka-mesh/local-stack';
import { randomUUID } from 'node:crypto';
import { RunningBackend, startBackend } from 'backend/testing';
import { PortalApi } from './__testUtils__/portalApi';

// The data mesh's actions as an AI agent reaches them: the portal's real
// backend with the MCP actions server, a Backstage token of a signed-in
// user, and MCP spoken over HTTP by the MCP SDK's own client; the actions
// run on the real catalog, Kafka and registry under the portal's policy.
jest.setTimeout(240_000);

const run = randomUUID().slice(0, 8);
const registryTopic = `_data-products-e2e-mcp-${run}`;
const registryUrl =
  process.env.DATA_MESH_SCHEMA_REGISTRY_URL ??
  'http://localhost:8081/apis/ccompat/v7';

/** Signed in with app-config.yaml's development users. */
const OWNER = 'amara.okafor'; // checkout-team, which owns the products
const NON_OWNER = 'chloe.martin'; // customer-team

/** The tools of the data mesh suite, as the MCP server names them. */
const TOOLS = {
  find: 'data-mesh.find-data-products',
  contract: 'data-mesh.get-data-product-contract',
  validate: 'data-mesh.validate-data-product',
  candidates: 'catalog.list-candidate-streams',
};

/** A word only this run's products carry in their description. */
const marker = `mcpmarker${run}`;
const upstreamName = `mcp-upstream-${run}`;
const productName = `mcp-orders-${run}`;
const upstreamRef = `dataproduct:default/${upstreamName}`;
const productRef = `dataproduct:default/${productName}`;
const topicOf = (name: string) => `checkout.${name}.v1`;
/** A topic with a schema that nobody publishes: a candidate stream. */
const candidateTopic = topicOf(`mcp-candidate-${run}`);

const avroSchema = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'e2e',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'email', type: 'string' },
  ],
});

/** A Backstage token of a development user, as the portal's sign-in gets it. */
async function backstageToken(baseUrl: string, user: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/devUser/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-data-mesh-dev-user': user,
    },
  });
  const body = await res.json();
  const token = body?.backstageIdentity?.token;
  if (!res.ok || !token) {
    throw new Error(`sign-in as ${user}: HTTP ${res.status}`);
  }
  return token;
}

type ToolResult = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: any;
};

describe('the data mesh actions over MCP', () => {
  let backend: RunningBackend;
  let admin: Admin;
  let owner: Client;
  let nonOwner: Client;
  // Fixtures (topics) as the broker's admin; the backend runs as the portal.
  const kafka = createKafka(clusterConfig('admin'), { clientId: 'e2e' });
  const registry = new SchemaRegistryRestClient({ url: registryUrl });
  const topics: string[] = [];

  const mcpUrl = () => new URL(`${backend.baseUrl}/api/mcp-actions/v1`);

  /** An MCP client connected (initialized) with the user's token. */
  async function connect(user: string): Promise<Client> {
    const token = await backstageToken(backend.baseUrl, user);
    const client = new Client({ name: `e2e-${user}`, version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(mcpUrl(), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    return client;
  }

  const call = async (
    client: Client,
    name: string,
    args: Record<string, unknown>,
  ) => (await client.callTool({ name, arguments: args })) as ToolResult;

  /** A tool's output; fails with its error text when it reported one. */
  async function output(
    client: Client,
    name: string,
    args: Record<string, unknown>,
  ) {
    const result = await call(client, name, args);
    if (result.isError) {
      throw new Error(`${name} failed: ${result.content[0]?.text}`);
    }
    // The text is the same JSON, for clients that read text only.
    expect(JSON.parse(result.content[0].text!)).toEqual(
      result.structuredContent,
    );
    return result.structuredContent;
  }

  /** A topic with the Avro schema registered under `<topic>-value`. */
  async function readyTopic(topic: string) {
    topics.push(topic);
    await createTopics(admin, {
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    });
    await registry.register(`${topic}-value`, {
      schema: avroSchema,
      schemaType: 'AVRO',
    });
    await registry.setCompatibility(`${topic}-value`, 'BACKWARD');
  }

  /** A checkout-team product of the checkout domain on a ready topic. */
  function descriptor(
    name: string,
    spec: Partial<DataProductEntity['spec']> = {},
  ): DataProductEntity {
    const entity = makeDataProduct(name, topicOf(name), {
      domain: 'checkout',
      ...spec,
    });
    entity.metadata.description = `Orders for the MCP test, ${marker}.`;
    return entity;
  }

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await Promise.all(
      [upstreamName, productName].map(n => readyTopic(topicOf(n))),
    );
    await readyTopic(candidateTopic);
    backend = await startBackend({ dataMesh: { registryTopic } });
    // The users sign in once the catalog has read the organisation.
    const rest = await eventually(
      () => PortalApi.signInAs(backend.baseUrl, OWNER),
      { deadlineMs: 120_000, intervalMs: 1000 },
    );

    // Published by their owner through the REST API: an upstream product
    // with a weaker promise, and a product built from it.
    const upstream = descriptor(upstreamName, {
      sla: {
        tier: 'tier-3',
        availability: 99,
        freshness: 'PT1H',
        supportHours: 'business-hours',
        onCall: 'https://oncall.example.com/checkout',
      },
    });
    const product = descriptor(productName, {
      inputs: [upstreamRef],
      piiFields: ['email'],
      classification: 'internal',
    });
    for (const [entity, query] of [
      [upstream, ''],
      [product, '?acknowledgeSlaAboveInputs=true'],
    ] as const) {
      const put = await rest.request(
        'PUT',
        `/api/data-mesh/products/default/${entity.metadata.name}${query}`,
        entity,
      );
      if (put.status !== 201) {
        throw new Error(
          `publishing ${entity.metadata.name}: ${JSON.stringify(put)}`,
        );
      }
      // An input must be in the catalog before a product may name it.
      await eventually(async () => {
        const ref = `dataproduct:default/${entity.metadata.name}`;
        if (!(await rest.entity(ref))) throw new Error(`no ${ref} yet`);
      });
    }
    [owner, nonOwner] = await Promise.all([connect(OWNER), connect(NON_OWNER)]);
  }, 300_000);

  afterAll(async () => {
    await owner?.close();
    await nonOwner?.close();
    await backend?.stop();
    if (admin) {
      await admin
        .deleteTopics({ topics: [...topics, registryTopic] })
        .catch(() => undefined);
      await admin.disconnect();
    }
    for (const topic of topics) {
      await registry.deleteSubject(`${topic}-value`).catch(() => undefined);
    }
  });

  it('lists the suite’s four tools, read-only, with their input schemas', async () => {
    const { tools } = await owner.listTools();
    const ours = tools.filter(t => Object.values(TOOLS).includes(t.name));
    expect(ours.map(t => t.name).sort()).toEqual(Object.values(TOOLS).sort());
    for (const tool of ours) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
      });
      expect(tool.description).toBeTruthy();
    }
    const find = ours.find(t => t.name === TOOLS.find)!;
    expect(Object.keys(find.inputSchema.properties ?? {}).sort()).toEqual([
      'classification',
      'domain',
      'limit',
      'owner',
      'quality',
      'text',
      'tier',
    ]);
  });

  it('finds the published products by text and by owner', async () => {
    const byText = await eventually(async () => {
      const found = await output(owner, TOOLS.find, { text: marker });
      expect(found.totalItems).toBe(2);
      return found;
    });
    // Sorted by name: mcp-orders-… before mcp-upstream-….
    expect(byText.items.map((i: any) => i.entityRef)).toEqual([
      productRef,
      upstreamRef,
    ]);
    expect(byText.items[0]).toMatchObject({
      name: productName,
      owner: 'group:default/checkout-team',
      domain: 'domain:default/checkout',
      tier: 'tier-2',
      freshness: 'PT5M',
      classification: 'internal',
      topic: topicOf(productName),
    });

    const byOwner = await output(nonOwner, TOOLS.find, {
      owner: 'checkout-team',
      text: run,
      limit: 100,
    });
    expect(byOwner.items.map((i: any) => i.entityRef)).toEqual([
      productRef,
      upstreamRef,
    ]);
    const otherTeam = await output(owner, TOOLS.find, {
      owner: 'group:default/customer-team',
      text: run,
    });
    expect(otherTeam).toEqual({ items: [], totalItems: 0 });
    const lowerTier = await output(owner, TOOLS.find, {
      text: marker,
      tier: 'tier-3',
    });
    expect(lowerTier.items.map((i: any) => i.entityRef)).toEqual([upstreamRef]);
  });

  it("returns a product's contract: SLA, effective SLA, schema, lineage, owner and on-call", async () => {
    // The provider observes the product and the catalog relates it to
    // its input asynchronously.
    const contract = await eventually(async () => {
      const found = await output(owner, TOOLS.contract, {
        entityRef: productRef,
      });
      expect(found.effectiveSla.basis).toBe('observed');
      expect(found.lineage.upstreamProducts).toEqual([upstreamRef]);
      return found;
    });
    expect(contract).toMatchObject({
      entityRef: productRef,
      status: 'active',
      owner: { entityRef: 'group:default/checkout-team' },
      onCall: {
        url: 'https://oncall.example.com/checkout',
        supportHours: 'business-hours',
      },
      output: {
        cluster: 'local',
        topic: topicOf(productName),
        format: 'avro',
        subject: `${topicOf(productName)}-value`,
      },
      sla: {
        tier: 'tier-2',
        availability: 99.5,
        freshness: 'PT5M',
        supportHours: 'business-hours',
      },
      classification: 'internal',
      piiFields: ['email'],
      lineage: { inputs: [upstreamRef], upstreamProducts: [upstreamRef] },
    });
    expect(contract.owner.email).toMatch(/@/);
    // The weakest link, as the product page shows it.
    expect(contract.effectiveSla).toMatchObject({
      tier: 'tier-3',
      availability: 99,
      freshness: 'PT1H',
      supportHours: 'business-hours',
      limitedBy: {
        tier: upstreamRef,
        availability: upstreamRef,
        freshness: upstreamRef,
      },
    });
    expect(contract.effectiveSla.warnings).toHaveLength(3);
    expect(contract.schema).toMatchObject({
      subject: `${topicOf(productName)}-value`,
      version: 1,
      format: 'avro',
      fields: [
        expect.objectContaining({
          path: 'orderId',
          type: 'string',
          pii: false,
        }),
        expect.objectContaining({ path: 'email', type: 'string', pii: true }),
      ],
    });

    const upstream = await eventually(async () => {
      const found = await output(nonOwner, TOOLS.contract, {
        entityRef: upstreamName,
      });
      expect(found.lineage.downstreamProducts).toEqual([productRef]);
      return found;
    });
    expect(upstream.sla.tier).toBe('tier-3');

    const missing = await call(owner, TOOLS.contract, {
      entityRef: `no-such-product-${run}`,
    });
    expect(missing.isError).toBe(true);
    expect(missing.content[0].text).toBe(
      `NotFoundError: No data product dataproduct:default/no-such-product-${run} in the catalog`,
    );
  });

  it('validates a descriptor: problems for a bad one, a refusal for a team the caller is not in', async () => {
    const name = `mcp-new-${run}`;
    await readyTopic(topicOf(name));
    const good = descriptor(name);

    const valid = await output(owner, TOOLS.validate, { descriptor: good });
    expect(valid).toMatchObject({
      valid: true,
      entityRef: `dataproduct:default/${name}`,
      problems: [],
      updated: false,
      effectiveSla: { tier: 'tier-2' },
    });

    const bad = structuredClone(good);
    bad.metadata.description = '';
    bad.spec.inputs = [`dataproduct:default/ghost-${run}`];
    const invalid = await output(owner, TOOLS.validate, { descriptor: bad });
    expect(invalid.valid).toBe(false);
    expect(invalid.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^metadata\.description: is required to publish/),
        `spec.inputs: dataproduct:default/ghost-${run} is not a data product in the catalog`,
      ]),
    );

    const refused = await call(nonOwner, TOOLS.validate, { descriptor: good });
    expect(refused.isError).toBe(true);
    expect(refused.content[0].text).toBe(
      `NotAllowedError: You may not publish dataproduct:default/${name}: only its owner (group:default/checkout-team) or a data mesh admin may (permission datamesh.product.publish)`,
    );
    // Nor may the non-owner change the owner's published product.
    const takeover = await call(nonOwner, TOOLS.validate, {
      descriptor: descriptor(productName, {
        owner: 'group:default/customer-team',
      }),
    });
    expect(takeover.isError).toBe(true);
    expect(takeover.content[0].text).toContain(
      `NotAllowedError: You may not publish a new version of ${productRef}`,
    );
    // Validating wrote nothing: the new product is not in the catalog.
    const notPublished = await output(owner, TOOLS.find, { text: name });
    expect(notPublished.totalItems).toBe(0);
  });

  it('lists a topic with a schema that is not a product as a candidate stream', async () => {
    const { items } = await output(owner, TOOLS.candidates, {});
    expect(items).toContainEqual({
      cluster: 'local',
      topic: candidateTopic,
      subject: `${candidateTopic}-value`,
      format: 'avro',
    });
    const listed = items.map((i: { topic: string }) => i.topic);
    expect(listed).not.toContain(topicOf(productName));
    expect(listed).not.toContain(topicOf(upstreamName));
  });

  it('refuses a caller without a valid token (401)', async () => {
    const rpc = (body: object, headers: Record<string, string> = {}) =>
      fetch(mcpUrl(), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          ...headers,
        },
        body: JSON.stringify(body),
      });
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'e2e', version: '1.0.0' },
      },
    };
    const toolsCall = {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: TOOLS.find, arguments: { text: marker } },
    };
    expect((await rpc(initialize)).status).toBe(401);
    expect((await rpc(toolsCall)).status).toBe(401);
    expect(
      (await rpc(toolsCall, { Authorization: 'Bearer not-a-token' })).status,
    ).toBe(401);
    await expect(
      new Client({ name: 'anonymous', version: '1.0.0' }).connect(
        new StreamableHTTPClientTransport(mcpUrl()),
      ),
    ).rejects.toThrow(/401|Unauthorized/);
  });
});
