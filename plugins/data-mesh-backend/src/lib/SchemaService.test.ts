import { InputError } from '@backstage/errors';
import type { SchemaRegistryRestClient } from '@kafka-mesh/plugin-data-mesh-node';
import { parseVersion, SchemaService } from './SchemaService';

const v1 = JSON.stringify({
  type: 'record',
  name: 'R',
  fields: [{ name: 'id', type: 'string' }],
});
const v2 = JSON.stringify({
  type: 'record',
  name: 'R',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'email', type: 'string', default: '' },
  ],
});

function fakeRegistry() {
  const schemas: Record<number, string> = { 1: v1, 2: v2 };
  const version = jest.fn(async (subject: string, v: number | 'latest') => {
    const n = v === 'latest' ? 2 : v;
    return {
      subject,
      version: n,
      id: 10 + n,
      schemaType: 'AVRO' as const,
      schema: schemas[n],
    };
  });
  return {
    version,
    versions: async () => [2, 1],
    compatibility: async () => 'BACKWARD',
  } as unknown as SchemaRegistryRestClient & { version: typeof version };
}

describe('SchemaService', () => {
  it('lists versions with the compatibility level', async () => {
    const service = new SchemaService(fakeRegistry());
    await expect(service.versions('s')).resolves.toEqual({
      subject: 's',
      compatibility: 'BACKWARD',
      versions: [2, 1],
    });
  });

  it('flattens a version with PII from the descriptor, caching fixed versions', async () => {
    const registry = fakeRegistry();
    const service = new SchemaService(registry);
    const first = await service.version('s', 2, ['email']);
    expect(first).toMatchObject({
      subject: 's',
      version: 2,
      id: 12,
      format: 'avro',
    });
    expect(first.fields).toEqual([
      { path: 'id', type: 'string', nullable: false, pii: false },
      {
        path: 'email',
        type: 'string',
        nullable: false,
        default: '""',
        pii: true,
      },
    ]);
    await service.version('s', 2);
    expect(registry.version).toHaveBeenCalledTimes(1);
    await service.version('s', 'latest');
    expect(registry.version).toHaveBeenCalledTimes(2);
  });

  it('diffs two versions', async () => {
    const service = new SchemaService(fakeRegistry());
    await expect(service.diff('s', 1, 'latest')).resolves.toEqual({
      subject: 's',
      from: 1,
      to: 2,
      changes: [{ path: 'email', change: 'added', after: 'string' }],
    });
  });
});

describe('parseVersion', () => {
  it('reads positive integers and latest where allowed', () => {
    expect(parseVersion('3', false)).toBe(3);
    expect(parseVersion('latest', true)).toBe('latest');
    expect(() => parseVersion('latest', false)).toThrow(InputError);
    expect(() => parseVersion('0', true)).toThrow(InputError);
    expect(() => parseVersion(undefined, true)).toThrow(InputError);
  });
});
