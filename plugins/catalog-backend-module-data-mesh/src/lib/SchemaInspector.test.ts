import type {
  SchemaRegistryRestClient,
  SubjectVersion,
} from '@kafka-mesh/plugin-data-mesh-node';
import { SchemaInspector } from './SchemaInspector';

type FakeClient = jest.Mocked<
  Pick<SchemaRegistryRestClient, 'latestVersion' | 'compatibility'>
>;

/** A registry holding the given subjects; anything else is a 404. */
function fakeRegistry(
  subjects: Record<string, Partial<SubjectVersion>>,
): FakeClient {
  return {
    latestVersion: jest.fn(async (subject: string) => {
      const found = subjects[subject];
      return found
        ? ({
            subject,
            version: 1,
            id: 1,
            schema: '{}',
            ...found,
          } as SubjectVersion)
        : undefined;
    }),
    compatibility: jest.fn(
      async (_subject: string): Promise<string | undefined> => 'BACKWARD',
    ),
  };
}

const inspector = (client: FakeClient) =>
  new SchemaInspector(client as unknown as SchemaRegistryRestClient);

describe('SchemaInspector', () => {
  it('describes a registered subject', async () => {
    const client = fakeRegistry({
      'orders-value': { version: 3, id: 42, schemaType: 'AVRO' },
    });
    const facts = await inspector(client).describe(['orders-value']);
    expect(facts).toEqual(
      new Map([
        [
          'orders-value',
          {
            status: 'registered',
            subject: 'orders-value',
            version: 3,
            id: 42,
            format: 'avro',
            compatibility: 'BACKWARD',
          },
        ],
      ]),
    );
    expect(client.latestVersion).toHaveBeenCalledWith('orders-value');
    expect(client.compatibility).toHaveBeenCalledWith('orders-value');
  });

  it('says missing for a subject the registry does not know (404)', async () => {
    const facts = await inspector(fakeRegistry({})).describe(['ghost-value']);
    expect(facts.get('ghost-value')).toEqual({
      status: 'missing',
      subject: 'ghost-value',
    });
  });

  it.each([
    ['JSON', 'json'],
    ['PROTOBUF', 'protobuf'],
    ['AVRO', 'avro'],
    [undefined, 'avro'],
  ])('maps the schema type %s to the format %s', async (schemaType, format) => {
    const client = fakeRegistry({
      's-value': { schemaType: schemaType as SubjectVersion['schemaType'] },
    });
    const facts = await inspector(client).describe(['s-value']);
    expect(facts.get('s-value')).toMatchObject({
      status: 'registered',
      format,
    });
  });

  it('says unknown for a schema type the mesh has no format for, without failing the others', async () => {
    const client = fakeRegistry({
      'xml-value': { schemaType: 'XML' as SubjectVersion['schemaType'] },
      'json-value': { schemaType: 'JSON' },
    });
    const facts = await inspector(client).describe(['xml-value', 'json-value']);
    expect(facts.get('xml-value')).toEqual({
      status: 'unknown',
      subject: 'xml-value',
    });
    expect(facts.get('json-value')).toMatchObject({
      status: 'registered',
      format: 'json',
    });
  });

  it('asks about each subject once, even when listed twice', async () => {
    const client = fakeRegistry({ 'a-value': {} });
    const facts = await inspector(client).describe(['a-value', 'a-value']);
    expect(facts.size).toBe(1);
    expect(client.latestVersion).toHaveBeenCalledTimes(1);
  });

  it('caches by subject: a second describe asks the registry nothing', async () => {
    const client = fakeRegistry({ 'a-value': { version: 1 } });
    const schemas = inspector(client);
    const first = await schemas.describe(['a-value', 'b-value']);
    client.latestVersion.mockClear();
    client.compatibility.mockClear();
    const second = await schemas.describe(['b-value', 'a-value']);
    expect(client.latestVersion).not.toHaveBeenCalled();
    expect(client.compatibility).not.toHaveBeenCalled();
    expect(second).toEqual(first);
  });

  it('asks only about subjects it has not seen', async () => {
    const client = fakeRegistry({ 'a-value': {}, 'b-value': {} });
    const schemas = inspector(client);
    await schemas.describe(['a-value']);
    client.latestVersion.mockClear();
    const facts = await schemas.describe(['a-value', 'b-value']);
    expect(client.latestVersion.mock.calls).toEqual([['b-value']]);
    expect([...facts.keys()].sort()).toEqual(['a-value', 'b-value']);
  });

  it('asks again about cached subjects with refresh: true', async () => {
    const versions: Record<string, Partial<SubjectVersion>> = {
      'a-value': { version: 1 },
    };
    const client = fakeRegistry(versions);
    const schemas = inspector(client);
    await schemas.describe(['a-value']);
    versions['a-value'] = { version: 2 };
    expect((await schemas.describe(['a-value'])).get('a-value')).toMatchObject({
      version: 1,
    });
    expect(
      (await schemas.describe(['a-value'], { refresh: true })).get('a-value'),
    ).toMatchObject({ version: 2 });
    expect(client.latestVersion).toHaveBeenCalledTimes(2);
    // The refreshed facts are cached in turn.
    expect((await schemas.describe(['a-value'])).get('a-value')).toMatchObject({
      version: 2,
    });
    expect(client.latestVersion).toHaveBeenCalledTimes(2);
  });

  it('says unknown when the registry fails, and retries on the next call', async () => {
    const client = fakeRegistry({ 'a-value': { version: 5 } });
    client.latestVersion.mockRejectedValueOnce(new Error('registry down'));
    const schemas = inspector(client);
    expect((await schemas.describe(['a-value'])).get('a-value')).toEqual({
      status: 'unknown',
      subject: 'a-value',
    });
    expect((await schemas.describe(['a-value'])).get('a-value')).toMatchObject({
      status: 'registered',
      version: 5,
    });
    expect(client.latestVersion).toHaveBeenCalledTimes(2);
  });

  it('says unknown when only the compatibility lookup fails', async () => {
    const client = fakeRegistry({ 'a-value': {} });
    client.compatibility.mockRejectedValueOnce(new Error('500'));
    const facts = await inspector(client).describe(['a-value']);
    expect(facts.get('a-value')).toEqual({
      status: 'unknown',
      subject: 'a-value',
    });
  });

  it('caches a missing subject: a 404 is an answer, not a failure', async () => {
    const client = fakeRegistry({});
    const schemas = inspector(client);
    await schemas.describe(['ghost-value']);
    await schemas.describe(['ghost-value']);
    expect(client.latestVersion).toHaveBeenCalledTimes(1);
  });

  it('counts two registry requests per lookup', async () => {
    const client = fakeRegistry({ 'a-value': {} });
    const schemas = inspector(client);
    expect(schemas.requests).toBe(0);
    await schemas.describe(['a-value', 'b-value']);
    expect(schemas.requests).toBe(4);
    await schemas.describe(['a-value', 'b-value']);
    expect(schemas.requests).toBe(4);
    await schemas.describe(['a-value'], { refresh: true });
    expect(schemas.requests).toBe(6);
  });
});
