import { ConfigReader } from '@backstage/config';
import { readDataMeshConfig } from './readDataMeshConfig';

const base = {
  kafka: { clusters: [{ name: 'local', brokers: ['localhost:9092'] }] },
  schemaRegistry: { url: 'http://localhost:8081/apis/ccompat/v7/' },
};

describe('readDataMeshConfig', () => {
  it('applies defaults and trims the registry url', () => {
    const config = readDataMeshConfig(new ConfigReader({ dataMesh: base }));
    expect(config).toEqual({
      registryTopic: '_data-products',
      clientId: 'backstage-data-mesh',
      clusters: [
        {
          name: 'local',
          brokers: ['localhost:9092'],
          ssl: undefined,
          sasl: undefined,
        },
      ],
      schemaRegistry: {
        url: 'http://localhost:8081/apis/ccompat/v7',
        auth: undefined,
        storageTopic: undefined,
      },
    });
  });

  it('reads TLS and SASL like the Backstage Kafka plugin does', () => {
    const config = readDataMeshConfig(
      new ConfigReader({
        dataMesh: {
          ...base,
          registryTopic: 'mesh.products',
          kafka: {
            clientId: 'portal',
            clusters: [
              {
                name: 'prod',
                brokers: ['b1:9093', 'b2:9093'],
                ssl: { ca: ['PEM'], rejectUnauthorized: false },
                sasl: {
                  mechanism: 'scram-sha-512',
                  username: 'portal',
                  password: 's3cret',
                },
              },
              { name: 'edge', brokers: ['e1:9093'], ssl: true },
            ],
          },
          schemaRegistry: {
            url: 'https://registry',
            auth: { username: 'u', password: 'p' },
          },
        },
      }),
    );
    expect(config.registryTopic).toBe('mesh.products');
    expect(config.clientId).toBe('portal');
    expect(config.clusters[0].ssl).toEqual({
      ca: ['PEM'],
      rejectUnauthorized: false,
    });
    expect(config.clusters[0].sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'portal',
      password: 's3cret',
    });
    expect(config.clusters[1].ssl).toBe(true);
    expect(config.schemaRegistry.auth).toEqual({
      username: 'u',
      password: 'p',
    });
  });

  it.each([
    [
      'an unknown SASL mechanism',
      {
        clusters: [
          {
            name: 'c',
            brokers: ['b:1'],
            sasl: { mechanism: 'gssapi', username: 'u', password: 'p' },
          },
        ],
      },
      "dataMesh.kafka.clusters[c].sasl.mechanism: 'gssapi' is not one of plain, scram-sha-256, scram-sha-512",
    ],
    [
      'a cluster without brokers',
      { clusters: [{ name: 'c', brokers: [] }] },
      'dataMesh.kafka.clusters[c].brokers: at least one broker is required',
    ],
    [
      'no clusters',
      { clusters: [] },
      'dataMesh.kafka.clusters: at least one cluster is required',
    ],
    [
      'a duplicate cluster name',
      {
        clusters: [
          { name: 'c', brokers: ['a:1'] },
          { name: 'c', brokers: ['b:1'] },
        ],
      },
      "the cluster name 'c' is used twice",
    ],
  ])('rejects %s with the config key at fault', (_, kafka, message) => {
    expect(() =>
      readDataMeshConfig(new ConfigReader({ dataMesh: { ...base, kafka } })),
    ).toThrow(message);
  });

  it("reads the registry's storage topic on one of the clusters", () => {
    const config = readDataMeshConfig(
      new ConfigReader({
        dataMesh: {
          ...base,
          schemaRegistry: {
            ...base.schemaRegistry,
            storageTopic: { cluster: 'local', topic: 'kafkasql-journal' },
          },
        },
      }),
    );
    expect(config.schemaRegistry.storageTopic).toEqual({
      cluster: 'local',
      topic: 'kafkasql-journal',
    });
  });

  it('rejects a storage topic on a cluster that is not configured', () => {
    expect(() =>
      readDataMeshConfig(
        new ConfigReader({
          dataMesh: {
            ...base,
            schemaRegistry: {
              ...base.schemaRegistry,
              storageTopic: { cluster: 'elsewhere', topic: '_schemas' },
            },
          },
        }),
      ),
    ).toThrow(
      "dataMesh.schemaRegistry.storageTopic.cluster: 'elsewhere' is not one of dataMesh.kafka.clusters (local)",
    );
  });

  it('names the missing key when the registry is not configured', () => {
    expect(() =>
      readDataMeshConfig(new ConfigReader({ dataMesh: { kafka: base.kafka } })),
    ).toThrow(/dataMesh\.schemaRegistry/);
  });
});
