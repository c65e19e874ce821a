import {
  DEFAULT_GOVERNANCE_RULES,
  GovernanceRulesResponse,
} from '@kafka-mesh/plugin-data-mesh-common';
import { startDataMeshBackend, sharedStack } from './__testUtils__/testBackend';

const { registryUrl } = sharedStack;

jest.setTimeout(60_000);

describe('GET /api/data-mesh/governance', () => {
  it('serves the configured rules, defaults filled in', async () => {
    const backend = await startDataMeshBackend({
      registryUrl,
      entities: [],
      governance: {
        allowedFormats: ['protobuf'],
        minCompatibility: { 'tier-2': 'FULL' },
        requiredTags: ['reviewed'],
      },
    });
    try {
      const { status, body } = await backend.get<GovernanceRulesResponse>(
        '/governance',
      );
      expect(status).toBe(200);
      expect(body).toEqual({
        rules: {
          ...DEFAULT_GOVERNANCE_RULES,
          allowedFormats: ['protobuf'],
          minCompatibility: {
            'tier-1': 'BACKWARD_TRANSITIVE',
            'tier-2': 'FULL',
          },
          requiredTags: ['reviewed'],
        },
      });
    } finally {
      await backend.stop();
    }
  });

  it('serves the defaults without a governance block', async () => {
    const backend = await startDataMeshBackend({
      registryUrl,
      entities: [],
    });
    try {
      const { body } = await backend.get<GovernanceRulesResponse>(
        '/governance',
      );
      expect(body.rules).toEqual(DEFAULT_GOVERNANCE_RULES);
    } finally {
      await backend.stop();
    }
  });

  it('refuses to start on a bad rule, naming the key', async () => {
    await expect(
      startDataMeshBackend({
        registryUrl,
        entities: [],
        governance: { partitions: { max: 0 } },
      }),
    ).rejects.toThrow(
      'Invalid config at dataMesh.governance.partitions.max: 0 is not a whole number of at least 1',
    );
  });
});
