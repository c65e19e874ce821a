import { startIsolated, IsolatedStack } from '@kafka-mesh/local-stack';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { createSchemaRegistry } from './createSchemaRegistry';
import { RegistryNotAuthorizedError } from './errors';
import { SchemaRegistryRestClient } from './SchemaRegistryRestClient';

// The suite's two registry clients on a registry that requires credentials
// (the stack's Apicurio with HTTP basic, SCHEMA_REGISTRY_AUTH=basic), on a
// private stack so the shared one stays open for the other tests.
describe('the schema registry clients on a registry that requires credentials', () => {
  let stack: IsolatedStack;
  let auth: { username: string; password: string };
  const schema = JSON.stringify({
    type: 'record',
    name: 'Payment',
    fields: [{ name: 'id', type: 'string' }],
  });

  beforeAll(async () => {
    stack = await startIsolated({ registryAuth: true });
    auth = stack.registryAuth!;
  }, 240_000);

  afterAll(async () => {
    await stack?.down();
  }, 60_000);

  it('refuses a client without credentials or with a wrong password, without naming them', async () => {
    const anonymous = new SchemaRegistryRestClient({ url: stack.registryUrl });
    await expect(anonymous.listSubjects()).rejects.toThrow(
      RegistryNotAuthorizedError,
    );
    const wrong = new SchemaRegistryRestClient({
      url: stack.registryUrl,
      auth: { username: 'portal', password: 'not-the-password' },
    });
    const error = await wrong.listSubjects().then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(RegistryNotAuthorizedError);
    expect(error.message).toContain('HTTP 401');
    expect(String(error.message)).not.toContain('not-the-password');
    expect(String(error.message)).not.toContain(stack.registryUrl);
  });

  it('registers, reads and checks compatibility with the configured credentials', async () => {
    const client = new SchemaRegistryRestClient({
      url: stack.registryUrl,
      auth,
    });
    const subject = 'payments.v1-value';
    const { id } = await client.register(subject, {
      schemaType: 'AVRO',
      schema,
    });
    expect(await client.listSubjects()).toContain(subject);
    expect(await client.versions(subject)).toEqual([1]);
    expect((await client.latestVersion(subject))?.id).toBe(id);
  }, 60_000);

  it('encodes and decodes records through the Confluent client with the credentials', async () => {
    const registry = createSchemaRegistry({ url: stack.registryUrl, auth });
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema },
      { subject: 'payments.v2-value' },
    );
    const encoded = await registry.encode(id, { id: 'p-1' });
    expect(await registry.decode(encoded)).toEqual({ id: 'p-1' });

    const anonymous = createSchemaRegistry({ url: stack.registryUrl });
    await expect(anonymous.getSchema(id)).rejects.toThrow();
  }, 60_000);
});
