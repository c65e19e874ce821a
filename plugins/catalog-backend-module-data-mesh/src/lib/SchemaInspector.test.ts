import type {
  SchemaRegistryRestClient,
  SubjectVersion,
} from '@kafka-mesh/plugin-data-mesh-node';
import type {
  RegistryChanges,
  RegistryChangeSignal,
} from './RegistryStorageTopic';
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

  describe('with a change signal', () => {
    /**
     * A registry storage log the test appends to as writes would: entries
     * name a subject, or `*` for a change to everything (a global rule).
     */
    function signal() {
      const log: string[] = ['bootstrap'];
      const state = { readable: true };
      const changes = {
        changesSince: jest.fn(
          async (
            since: string | undefined,
          ): Promise<RegistryChanges | undefined> => {
            if (!state.readable) return undefined;
            const mark = String(log.length);
            if (since === undefined) return { mark, subjects: 'all' };
            const written = log.slice(Number(since));
            return {
              mark,
              subjects: written.includes('*') ? 'all' : new Set(written),
            };
          },
        ),
      };
      return { log, state, changes };
    }

    async function settled(client: FakeClient, changes: RegistryChangeSignal) {
      const schemas = new SchemaInspector(
        client as unknown as SchemaRegistryRestClient,
        { changes },
      );
      await schemas.describe(['a-value', 'b-value'], { refresh: true });
      client.latestVersion.mockClear();
      client.compatibility.mockClear();
      return schemas;
    }

    it('asks the registry nothing on a refresh when the registry was not written to', async () => {
      const client = fakeRegistry({ 'a-value': { version: 1 } });
      const { changes } = signal();
      const schemas = await settled(client, changes);
      const facts = await schemas.describe(['a-value', 'b-value'], {
        refresh: true,
      });
      expect(client.latestVersion).not.toHaveBeenCalled();
      expect(client.compatibility).not.toHaveBeenCalled();
      expect(facts.get('a-value')).toMatchObject({ version: 1 });
      expect(facts.get('b-value')).toMatchObject({ status: 'missing' });
    });

    it('asks only about the subjects written to since the last refresh', async () => {
      const versions: Record<string, Partial<SubjectVersion>> = {
        'a-value': { version: 1 },
        'b-value': { version: 1 },
      };
      const client = fakeRegistry(versions);
      const { log, changes } = signal();
      const schemas = await settled(client, changes);
      versions['b-value'] = { version: 2 };
      log.push('b-value');
      const facts = await schemas.describe(['a-value', 'b-value'], {
        refresh: true,
      });
      expect(client.latestVersion.mock.calls).toEqual([['b-value']]);
      expect(client.compatibility.mock.calls).toEqual([['b-value']]);
      expect(facts.get('b-value')).toMatchObject({ version: 2 });
      expect(facts.get('a-value')).toMatchObject({ version: 1 });
      // Settled at the new mark: the next refresh is free again.
      await schemas.describe(['a-value', 'b-value'], { refresh: true });
      expect(client.latestVersion).toHaveBeenCalledTimes(1);
    });

    it('asks about every subject after a change to everything', async () => {
      const client = fakeRegistry({ 'a-value': {} });
      const { log, changes } = signal();
      const schemas = await settled(client, changes);
      log.push('*');
      await schemas.describe(['a-value', 'b-value'], { refresh: true });
      expect(client.latestVersion).toHaveBeenCalledTimes(2);
    });

    it('needs no refresh after the first read to be settled', async () => {
      const client = fakeRegistry({ 'a-value': {} });
      const { changes } = signal();
      const schemas = new SchemaInspector(
        client as unknown as SchemaRegistryRestClient,
        { changes },
      );
      await schemas.describe(['a-value', 'b-value']);
      await schemas.describe(['a-value', 'b-value'], { refresh: true });
      expect(client.latestVersion).toHaveBeenCalledTimes(2);
    });

    it('still asks about subjects it has never seen', async () => {
      const client = fakeRegistry({ 'c-value': {} });
      const { changes } = signal();
      const schemas = await settled(client, changes);
      await schemas.describe(['a-value', 'c-value'], { refresh: true });
      expect(client.latestVersion.mock.calls).toEqual([['c-value']]);
    });

    it('asks a subject again on the next refresh when its lookup failed', async () => {
      const client = fakeRegistry({ 'a-value': {}, 'b-value': {} });
      const { log, changes } = signal();
      const schemas = await settled(client, changes);
      log.push('a-value');
      client.latestVersion.mockRejectedValueOnce(new Error('registry down'));
      await schemas.describe(['a-value', 'b-value'], { refresh: true });
      client.latestVersion.mockClear();
      await schemas.describe(['a-value', 'b-value'], { refresh: true });
      expect(client.latestVersion.mock.calls).toEqual([['a-value']]);
      // Answered now: the refresh after that asks nothing.
      await schemas.describe(['a-value', 'b-value'], { refresh: true });
      expect(client.latestVersion).toHaveBeenCalledTimes(1);
    });

    it('asks only the failed subjects again after a failure at cold start', async () => {
      const client = fakeRegistry({ 'a-value': {}, 'b-value': {} });
      const { changes } = signal();
      const schemas = new SchemaInspector(
        client as unknown as SchemaRegistryRestClient,
        { changes },
      );
      client.latestVersion.mockRejectedValueOnce(new Error('timeout'));
      await schemas.describe(['a-value', 'b-value']);
      client.latestVersion.mockClear();
      await schemas.describe(['a-value', 'b-value'], { refresh: true });
      expect(client.latestVersion).toHaveBeenCalledTimes(1);
    });

    it('asks everything when the signal cannot be read', async () => {
      const client = fakeRegistry({ 'a-value': {} });
      const { state, changes } = signal();
      const schemas = await settled(client, changes);
      state.readable = false;
      await schemas.describe(['a-value', 'b-value'], { refresh: true });
      expect(client.latestVersion).toHaveBeenCalledTimes(2);
    });
  });

  it('asks for the compatibility level only where it is wanted', async () => {
    const client = fakeRegistry({ 'a-value': {}, 'b-value': {} });
    const facts = await inspector(client).describe(['a-value', 'b-value'], {
      withLevel: subject => subject === 'a-value',
    });
    expect(client.compatibility.mock.calls).toEqual([['a-value']]);
    expect(facts.get('a-value')).toMatchObject({ compatibility: 'BACKWARD' });
    expect(facts.get('b-value')).not.toHaveProperty('compatibility');
    expect(facts.get('b-value')).toMatchObject({ status: 'registered' });
  });

  it('asks again for a subject cached without its level once the level is wanted', async () => {
    const client = fakeRegistry({ 'a-value': {} });
    const schemas = inspector(client);
    await schemas.describe(['a-value'], { withLevel: () => false });
    const facts = await schemas.describe(['a-value']);
    expect(client.latestVersion).toHaveBeenCalledTimes(2);
    expect(facts.get('a-value')).toMatchObject({ compatibility: 'BACKWARD' });
    // Cached with its level now, which also serves a call without.
    await schemas.describe(['a-value'], { withLevel: () => false });
    expect(client.latestVersion).toHaveBeenCalledTimes(2);
  });

  it('keeps at most `concurrency` lookups under way', async () => {
    let underWay = 0;
    let most = 0;
    const client = fakeRegistry({});
    client.latestVersion.mockImplementation(async () => {
      underWay++;
      most = Math.max(most, underWay);
      await new Promise(resolve => setImmediate(resolve));
      underWay--;
      return undefined;
    });
    const schemas = new SchemaInspector(
      client as unknown as SchemaRegistryRestClient,
      { concurrency: 3 },
    );
    const subjects = Array.from({ length: 20 }, (_, i) => `s${i}-value`);
    const facts = await schemas.describe(subjects);
    expect(facts.size).toBe(20);
    expect(client.latestVersion).toHaveBeenCalledTimes(20);
    expect(most).toBe(3);
  });
});
