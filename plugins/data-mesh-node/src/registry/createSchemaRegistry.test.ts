import avro from 'avsc';
import { answerJson, FakeRegistry } from './__testUtils__/FakeRegistry';
import { createSchemaRegistry } from './createSchemaRegistry';

const schema = {
  type: 'record',
  name: 'Order',
  fields: [{ name: 'id', type: 'string' }],
};

/** A value in Confluent's wire format: magic byte, schema id, Avro. */
function wireFormat(id: number, value: unknown): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  return Buffer.concat([
    header,
    avro.Type.forSchema(schema as any).toBuffer(value),
  ]);
}

/** `promise`, or a rejection once the caller stops waiting (as the backend does). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the caller gave up')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe('createSchemaRegistry when the registry fails', () => {
  // A registry of its own per test, on a port of its own: a restart on
  // the same port is what the tests themselves do.
  let registry: FakeRegistry;
  const answerSchemas = () => {
    registry.handler = (req, res) => {
      // GET /schemas/ids/{id}, for any id.
      if (req.url?.startsWith('/schemas/ids/')) {
        answerJson(res, { schema: JSON.stringify(schema) });
      } else {
        answerJson(res, { message: 'not found' }, 404);
      }
    };
  };

  beforeEach(async () => {
    registry = new FakeRegistry();
    await registry.start();
    answerSchemas();
  });

  afterEach(() => registry.stop());

  it('asks again for a schema after a request the registry never answered', async () => {
    const client = createSchemaRegistry(
      { url: registry.url },
      { timeoutMs: 300 },
    );
    registry.handler = () => {
      // Never answered, as on a connection lost while the request was
      // under way. The client shares this request with every decode of
      // schema 1 until it settles.
    };
    // The client's own deadline ends it, before its caller gives up.
    await expect(
      within(3000, client.decode(wireFormat(1, { id: 'a' }))),
    ).rejects.toThrow(/Timeout \(300ms\)/);

    answerSchemas();
    await expect(
      within(3000, client.decode(wireFormat(1, { id: 'b' }))),
    ).resolves.toEqual({ id: 'b' });
  });

  it('fetches a schema it has not seen once the registry is back on the same port', async () => {
    const client = createSchemaRegistry(
      { url: registry.url },
      { timeoutMs: 1000 },
    );
    expect(await client.decode(wireFormat(1, { id: 'a' }))).toEqual({
      id: 'a',
    });

    await registry.stop();
    // Schema 1 is cached; schema 2 needs the registry.
    expect(await client.decode(wireFormat(1, { id: 'b' }))).toEqual({
      id: 'b',
    });
    await expect(
      within(10_000, client.decode(wireFormat(2, { id: 'c' }))),
    ).rejects.toMatchObject({ status: 400 });

    await registry.start();
    answerSchemas();
    expect(await client.decode(wireFormat(2, { id: 'd' }))).toEqual({
      id: 'd',
    });
  });
});
