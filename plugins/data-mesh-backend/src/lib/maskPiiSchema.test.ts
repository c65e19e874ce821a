import { NotFoundError } from '@backstage/errors';
import {
  RegistryUnavailableError,
  type SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { latestSchemaFields, Remember } from './maskPiiSchema';
import { SchemaService } from './SchemaService';

const schema = JSON.stringify({
  type: 'record',
  name: 'R',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'email', type: 'string' },
    { name: 'phone', type: 'string', pii: true },
  ],
});

function registryWith(version: jest.Mock) {
  return { version } as unknown as SchemaRegistryRestClient;
}

/** A cache that never forgets, to count what reaches the registry. */
function memory(): Remember {
  const kept = new Map<string, unknown>();
  return async <T>(key: string, load: () => Promise<T>) => {
    if (!kept.has(key)) kept.set(key, await load());
    return kept.get(key) as T;
  };
}

describe('latestSchemaFields', () => {
  it('flattens the latest version with PII flags and asks the registry once', async () => {
    const version = jest.fn(async (subject: string) => ({
      subject,
      version: 3,
      id: 30,
      schemaType: 'AVRO',
      schema,
    }));
    const schemas = new SchemaService(registryWith(version));
    const remember = memory();
    const read = () => latestSchemaFields(schemas, 's', ['email'], remember);
    const fields = await read();
    expect(fields.map(f => [f.path, f.pii])).toEqual([
      ['id', false],
      ['email', true],
      ['phone', true],
    ]);
    await read();
    expect(version).toHaveBeenCalledTimes(1);
    expect(version).toHaveBeenCalledWith('s', 'latest');
  });

  it('has no fields when nothing is registered under the subject', async () => {
    const version = jest.fn(async () => {
      throw new NotFoundError('no such subject');
    });
    const schemas = new SchemaService(registryWith(version));
    await expect(
      latestSchemaFields(schemas, 's', ['email'], memory()),
    ).resolves.toEqual([]);
  });

  it('fails when the registry cannot be asked, rather than mask less', async () => {
    const version = jest.fn(async () => {
      throw new RegistryUnavailableError('unreachable');
    });
    const schemas = new SchemaService(registryWith(version));
    await expect(
      latestSchemaFields(schemas, 's', [], memory()),
    ).rejects.toThrow(RegistryUnavailableError);
  });
});
