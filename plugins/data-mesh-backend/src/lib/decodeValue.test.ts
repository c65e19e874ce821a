import { decodeValue } from './decodeValue';
import { RegistryUnavailableError } from '@kafka-mesh/plugin-data-mesh-node';

const wire = (id: number, payload = 'x') => {
  const head = Buffer.alloc(5);
  head.writeInt32BE(id, 1);
  return Buffer.concat([head, Buffer.from(payload)]);
};

describe('decodeValue', () => {
  const never = async () => {
    throw new Error('not wire format');
  };

  it('decodes wire format through the registry', async () => {
    await expect(
      decodeValue(wire(7), async () => ({ id: 'o-1', raw: Buffer.from('ab') })),
    ).resolves.toEqual({ id: 'o-1', raw: 'YWI=' });
  });

  it('parses plain JSON and keeps other text as a string', async () => {
    await expect(decodeValue(Buffer.from('{"a":1}'), never)).resolves.toEqual({
      a: 1,
    });
    await expect(decodeValue(Buffer.from('hello'), never)).resolves.toBe(
      'hello',
    );
    await expect(decodeValue(null, never)).resolves.toBeNull();
  });

  it('fails the read when the registry cannot be reached', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), {
      name: 'ResponseError',
      status: 400,
    });
    await expect(
      decodeValue(wire(7), async () => Promise.reject(down)),
    ).rejects.toThrow(RegistryUnavailableError);
  });

  it('shows a value with an unknown schema id as undecodable', async () => {
    const missing = Object.assign(new Error('Schema not found'), {
      name: 'ResponseError',
      status: 404,
    });
    await expect(
      decodeValue(wire(42), async () => Promise.reject(missing)),
    ).resolves.toBe('<undecodable: schema 42 is not registered>');
  });
});
