import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import {
  KafkaUnavailableError,
  RegistryUnavailableError,
} from '@kafka-mesh/plugin-data-mesh-node';
import { UpstreamTimeoutError } from '../lib/upstream';
import { withUpstreamErrors } from './upstreamErrors';

const SECRET = 's3cret-pw';

const failWith = (error: Error) =>
  withUpstreamErrors([SECRET], async () => {
    throw error;
  });

describe('withUpstreamErrors', () => {
  it('passes an answer through', async () => {
    await expect(withUpstreamErrors([SECRET], async () => 42)).resolves.toBe(
      42,
    );
  });

  it.each([
    ['Kafka', new KafkaUnavailableError(`broker down (pw ${SECRET})`)],
    ['Kafka', new UpstreamTimeoutError('Kafka', 5000)],
    [
      'the schema registry',
      new RegistryUnavailableError(
        `http://user:${SECRET}@registry:8081 refused`,
      ),
    ],
  ])(
    'words an outage of %s as ServiceUnavailableError, without secrets',
    async (what, error) => {
      const mapped = await failWith(error).catch(e => e);
      expect(mapped).toBeInstanceOf(ServiceUnavailableError);
      expect(mapped.name).toBe('ServiceUnavailableError');
      expect(mapped.message.startsWith(`${what} is unavailable: `)).toBe(true);
      expect(mapped.message).not.toContain(SECRET);
    },
  );

  it('keeps any other error, scrubbed of secrets', async () => {
    const error = new NotAllowedError(`not with ${SECRET}`);
    const mapped = await failWith(error).catch(e => e);
    expect(mapped).toBe(error);
    expect(mapped.message).toBe('not with ***');
  });
});
