import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleDataMeshFileLocations } from './catalogFileLocations';

describe('catalogModuleDataMeshFileLocations', () => {
  it('lets the catalog register file locations besides url ones', async () => {
    const setAllowedLocationTypes = jest.fn();
    const backend = await startTestBackend({
      extensionPoints: [
        [catalogLocationsExtensionPoint, { setAllowedLocationTypes }],
      ],
      features: [catalogModuleDataMeshFileLocations],
    });
    expect(setAllowedLocationTypes).toHaveBeenCalledWith(['url', 'file']);
    await backend.stop();
  });
});
