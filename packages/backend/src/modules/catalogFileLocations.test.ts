import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleDataMeshFileLocations } from './catalogFileLocations';

describe('catalogModuleDataMeshFileLocations', () => {
  async function allowedTypes(config: object) {
    const setAllowedLocationTypes = jest.fn();
    const backend = await startTestBackend({
      extensionPoints: [
        [catalogLocationsExtensionPoint, { setAllowedLocationTypes }],
      ],
      features: [
        catalogModuleDataMeshFileLocations,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    await backend.stop();
    return setAllowedLocationTypes.mock.calls;
  }

  it('lets the catalog register file locations where local repositories are enabled', async () => {
    expect(
      await allowedTypes({
        dataMesh: { scaffolder: { localRepositories: { enabled: true } } },
      }),
    ).toEqual([[['url', 'file']]]);
  });

  it('leaves the catalog at url locations otherwise (production)', async () => {
    expect(await allowedTypes({})).toEqual([]);
    expect(
      await allowedTypes({
        dataMesh: { scaffolder: { localRepositories: { enabled: false } } },
      }),
    ).toEqual([]);
  });
});
