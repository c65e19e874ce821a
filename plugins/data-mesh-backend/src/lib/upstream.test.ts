import { ConfigReader } from '@backstage/config';
import { readDataMeshConfig } from '@kafka-mesh/plugin-data-mesh-node';
import {
  redact,
  secretsOf,
  unavailable,
  UpstreamTimeoutError,
  withTimeout,
} from './upstream';

describe('withTimeout', () => {
  it('passes a prompt answer through', async () => {
    await expect(withTimeout(Promise.resolve(1), 1000, 'x')).resolves.toBe(1);
  });

  it('rejects when the answer does not come in time', async () => {
    await expect(
      withTimeout(new Promise(() => {}), 10, 'Kafka'),
    ).rejects.toThrow(UpstreamTimeoutError);
  });
});

describe('secrets', () => {
  const config = readDataMeshConfig(
    new ConfigReader({
      dataMesh: {
        kafka: {
          clusters: [
            {
              name: 'prod',
              brokers: ['b:9093'],
              sasl: {
                mechanism: 'plain',
                username: 'svc',
                password: 'sasl-pw',
              },
              ssl: { key: 'PRIVATE-KEY', passphrase: 'key-pw' },
            },
          ],
        },
        schemaRegistry: {
          url: 'https://registry',
          auth: { username: 'reg', password: 'reg-pw' },
        },
      },
    }),
  );

  it('collects every configured secret', () => {
    expect(secretsOf(config)).toEqual(
      expect.arrayContaining([
        'sasl-pw',
        'PRIVATE-KEY',
        'key-pw',
        'reg-pw',
        Buffer.from('reg:reg-pw').toString('base64'),
      ]),
    );
  });

  it('scrubs secrets and URL credentials from messages', () => {
    const secrets = secretsOf(config);
    expect(
      redact(
        'GET https://u:p@host/x failed, auth reg-pw, sasl sasl-pw',
        secrets,
      ),
    ).toBe('GET https://***@host/x failed, auth ***, sasl ***');
    const error = unavailable('Kafka', new Error('bad key-pw'), secrets);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toBe('Kafka is unavailable: bad ***');
  });
});
