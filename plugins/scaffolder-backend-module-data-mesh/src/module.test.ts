import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { testConfig } from './__testUtils__/testEnvironment';
import { scaffolderModuleDataMesh } from './module';

describe('scaffolderModuleDataMesh', () => {
  it('registers every data mesh action with the scaffolder', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    const backend = await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added: typeof actions) => actions.push(...added) },
        ],
      ],
      features: [
        scaffolderModuleDataMesh,
        mockServices.rootConfig.factory({
          data: testConfig().get() as object,
        }),
        catalogServiceMock.factory(),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: jest.fn() }),
        }),
      ],
    });
    expect(actions.map(a => a.id).sort()).toEqual([
      'dataMesh:access:request',
      'dataMesh:product:deprecate',
      'dataMesh:product:publish',
      'dataMesh:product:unpublish',
      'dataMesh:product:validate',
      'dataMesh:repo:publishLocal',
      'dataMesh:schema:impact',
      'dataMesh:synthetic:write',
      'kafka:topic:create',
      'schemaRegistry:schema:register',
    ]);
    for (const action of actions) {
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.supportsDryRun).toBe(true);
      expect(action.schema?.input).toBeDefined();
    }
    await backend.stop();
  });
});
