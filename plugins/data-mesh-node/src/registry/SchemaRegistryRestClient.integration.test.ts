import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import { readDataMeshConfig } from '../config/readDataMeshConfig';
import { localStackConfig, uniqueName } from '../__testUtils__/localStack';
import {
  RegistrySchema,
  RegistryUnavailableError,
  SchemaRegistryRestClient,
} from './SchemaRegistryRestClient';

const avro = (fields: unknown[]): RegistrySchema => ({
  schemaType: 'AVRO',
  schema: JSON.stringify({ type: 'record', name: 'Order', fields }),
});
const v1 = avro([
  { name: 'id', type: 'string' },
  { name: 'qty', type: 'long' },
]);
const withNote = avro([
  { name: 'id', type: 'string' },
  { name: 'qty', type: 'long' },
  { name: 'note', type: ['null', 'string'], default: null },
]);

describe('SchemaRegistryRestClient writing to the real registry', () => {
  const config = readDataMeshConfig(localStackConfig());
  const client = new SchemaRegistryRestClient(config.schemaRegistry);
  const subjects: string[] = [];
  const subject = () => {
    const name = uniqueName('it.client-value');
    subjects.push(name);
    return name;
  };

  afterAll(async () => {
    await Promise.all(subjects.map(s => client.deleteSubject(s)));
  });

  it('registers a schema, finds it again and tells other schemas apart', async () => {
    const s = subject();
    expect(await client.lookup(s, v1)).toBeUndefined();
    const { id } = await client.register(s, v1);
    expect(id).toEqual(expect.any(Number));
    expect(await client.register(s, v1)).toEqual({ id });
    expect(await client.lookup(s, v1)).toEqual({ id, version: 1 });
    expect(await client.lookup(s, withNote)).toBeUndefined();
    expect((await client.version(s, 'latest')).schemaType).toBe('AVRO');
  });

  it('sets the compatibility level and tests schemas against it', async () => {
    const s = subject();
    expect(await client.testCompatibility(s, v1)).toEqual({
      compatible: true,
      messages: [],
    });
    await client.register(s, v1);
    await client.setCompatibility(s, 'BACKWARD');
    expect(await client.compatibility(s)).toBe('BACKWARD');

    expect(await client.testCompatibility(s, withNote)).toEqual({
      compatible: true,
      messages: [],
    });
    const breaking = avro([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'string' },
      { name: 'currency', type: 'string' },
    ]);
    expect(await client.testCompatibility(s, breaking)).toEqual({
      compatible: false,
      messages: [
        'type of field `qty` changed from long to string, so consumers using the new schema cannot read old records',
        'field `currency` was added without a default, so consumers using the new schema cannot read old records',
      ],
    });
    await expect(client.register(s, breaking)).rejects.toThrow(ConflictError);
    await expect(client.register(s, breaking)).rejects.toThrow(
      /^The registry rejected the schema: Incompatible artifact/,
    );
  });

  it('explains a transitive break against every registered version', async () => {
    const s = subject();
    await client.setCompatibility(s, 'BACKWARD_TRANSITIVE');
    await client.register(s, v1);
    await client.register(s, withNote);
    // Compatible with version 2 (which has `note`), not with version 1.
    const noteRequired = avro([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'long' },
      { name: 'note', type: 'string' },
    ]);
    const result = await client.testCompatibility(s, noteRequired);
    expect(result.compatible).toBe(false);
    expect(result.messages).toContain(
      'version 1: field `note` was added without a default, so consumers using the new schema cannot read old records',
    );
  });

  it('registers and tests JSON Schema and Protobuf schemas', async () => {
    const json = subject();
    await client.setCompatibility(json, 'BACKWARD');
    const order: RegistrySchema = {
      schemaType: 'JSON',
      schema: JSON.stringify({
        type: 'object',
        properties: { id: { type: 'string' } },
      }),
    };
    await client.register(json, order);
    expect((await client.version(json, 'latest')).schemaType).toBe('JSON');
    const retyped = {
      ...order,
      schema: JSON.stringify({
        type: 'object',
        properties: { id: { type: 'integer' } },
      }),
    };
    expect(await client.testCompatibility(json, retyped)).toEqual({
      compatible: false,
      messages: [
        'type of property `id` changed from string to integer, so consumers using the new schema cannot read old records',
      ],
    });

    const proto = subject();
    await client.setCompatibility(proto, 'BACKWARD');
    const message: RegistrySchema = {
      schemaType: 'PROTOBUF',
      schema:
        'syntax = "proto3";\nmessage Order {\n  string id = 1;\n  int64 qty = 2;\n}\n',
    };
    const { id } = await client.register(proto, message);
    expect(await client.lookup(proto, message)).toEqual({ id, version: 1 });
    const renumbered = {
      ...message,
      schema: message.schema.replace('qty = 2', 'qty = 3'),
    };
    const result = await client.testCompatibility(proto, renumbered);
    expect(result).toEqual({
      compatible: false,
      messages: [
        'field `qty` was renumbered from 2 to 3, so old and new records do not share its values',
      ],
    });
  });

  it('rejects invalid schemas and levels as input errors', async () => {
    const s = subject();
    await expect(
      client.register(s, { schemaType: 'AVRO', schema: '{"type": "recrd"}' }),
    ).rejects.toThrow(InputError);
    await expect(client.setCompatibility(s, 'SIDEWAYS' as any)).rejects.toThrow(
      "'SIDEWAYS' is not a compatibility level (one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE)",
    );
  });

  it('deletes a subject for good, and leaves a missing one alone', async () => {
    const s = subject();
    await client.register(s, v1);
    await client.deleteSubject(s);
    await expect(client.versions(s)).rejects.toThrow(NotFoundError);
    expect(await client.lookup(s, v1)).toBeUndefined();
    await expect(client.deleteSubject(s)).resolves.toBeUndefined();
  });

  it('reports an unreachable registry without its address or credentials', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer().listen(0);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    server.close();
    const offline = new SchemaRegistryRestClient(
      {
        url: `http://127.0.0.1:${port}/apis/ccompat/v7`,
        auth: { username: 'mesh', password: 'secret-pw' },
      },
      2000,
    );
    const failure = offline.register('x-value', v1);
    await expect(failure).rejects.toThrow(RegistryUnavailableError);
    await expect(failure).rejects.toThrow(ServiceUnavailableError);
    // The cause is fetch's own error, which names neither.
    await expect(failure).rejects.toThrow(
      'unreachable (ECONNREFUSED); caused by TypeError: fetch failed',
    );
    const { message } = await failure.catch(e => e);
    expect(message).not.toContain(String(port));
    expect(message).not.toContain('secret-pw');
  });
});
