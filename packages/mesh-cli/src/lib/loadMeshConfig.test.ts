import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadMeshConfig } from './loadMeshConfig';

describe('loadMeshConfig', () => {
  let dir: string;
  let configPaths: string[];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-config-'));
    const file = path.join(dir, 'app-config.yaml');
    fs.writeFileSync(
      file,
      [
        'dataMesh:',
        '  kafka:',
        '    clusters:',
        '      - name: main',
        '        brokers: [kafka-1:9092]',
        '        sasl:',
        '          mechanism: plain',
        '          username: configured',
        '          password: from-config',
        '  schemaRegistry:',
        '    url: http://registry:8081',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'ca.pem'), 'PEM');
    configPaths = [file];
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = (env: Record<string, string>) =>
    loadMeshConfig({ configPaths, env, rootDir: dir });

  it('keeps the configured connection when the environment sets nothing', async () => {
    const { cluster } = await load({});
    expect(cluster).toEqual({
      name: 'main',
      brokers: ['kafka-1:9092'],
      sasl: {
        mechanism: 'plain',
        username: 'configured',
        password: 'from-config',
      },
    });
  });

  it('takes brokers, SASL credentials and the TLS CA from the environment', async () => {
    const { cluster } = await load({
      DATA_MESH_KAFKA_BROKERS: 'localhost:9094, localhost:9095',
      DATA_MESH_KAFKA_USERNAME: 'portal',
      DATA_MESH_KAFKA_PASSWORD: 'secret',
      DATA_MESH_KAFKA_SSL_CA_FILE: path.join(dir, 'ca.pem'),
    });
    expect(cluster).toEqual({
      name: 'main',
      brokers: ['localhost:9094', 'localhost:9095'],
      // scram-sha-512 unless DATA_MESH_KAFKA_MECHANISM says otherwise
      sasl: {
        mechanism: 'scram-sha-512',
        username: 'portal',
        password: 'secret',
      },
      ssl: { ca: ['PEM'] },
    });
    const { cluster: sha256 } = await load({
      DATA_MESH_KAFKA_USERNAME: 'portal',
      DATA_MESH_KAFKA_PASSWORD: 'secret',
      DATA_MESH_KAFKA_MECHANISM: 'SCRAM-SHA-256',
    });
    expect(sha256.sasl).toEqual({
      mechanism: 'scram-sha-256',
      username: 'portal',
      password: 'secret',
    });
  });

  it('says what is missing or wrong, without printing the password', async () => {
    await expect(load({ DATA_MESH_KAFKA_USERNAME: 'portal' })).rejects.toThrow(
      'set both DATA_MESH_KAFKA_USERNAME and DATA_MESH_KAFKA_PASSWORD to log in to Kafka',
    );
    await expect(
      load({ DATA_MESH_KAFKA_MECHANISM: 'scram-sha-512' }),
    ).rejects.toThrow(
      'DATA_MESH_KAFKA_MECHANISM needs DATA_MESH_KAFKA_USERNAME and DATA_MESH_KAFKA_PASSWORD',
    );
    const wrong = load({
      DATA_MESH_KAFKA_USERNAME: 'portal',
      DATA_MESH_KAFKA_PASSWORD: 'hunter2',
      DATA_MESH_KAFKA_MECHANISM: 'gssapi',
    });
    await expect(wrong).rejects.toThrow(
      "DATA_MESH_KAFKA_MECHANISM must be one of plain, scram-sha-256, scram-sha-512, not 'gssapi'",
    );
    await expect(wrong).rejects.not.toThrow(/hunter2/);
    await expect(
      load({ DATA_MESH_KAFKA_SSL_CA_FILE: path.join(dir, 'missing.pem') }),
    ).rejects.toThrow(
      /^cannot read DATA_MESH_KAFKA_SSL_CA_FILE .*missing\.pem: ENOENT$/,
    );
  });
});
