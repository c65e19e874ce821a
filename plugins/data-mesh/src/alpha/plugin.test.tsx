import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import plugin from './index';

describe('data-mesh alpha plugin', () => {
  it('has the expected id and extensions', () => {
    expect(plugin.pluginId).toBe('data-mesh');
    for (const id of [
      'api:data-mesh',
      'page:data-mesh',
      'entity-card:data-mesh/overview',
      'entity-card:data-mesh/group-data-products',
      'entity-card:data-mesh/group-access-requests',
      'entity-content:data-mesh/schema',
      'entity-content:data-mesh/live',
      'entity-content:data-mesh/lineage',
      'entity-content:data-mesh/access',
      'scaffolder-form-field:data-mesh/schema-editor',
      'scaffolder-form-field:data-mesh/inputs-picker',
      'scaffolder-form-field:data-mesh/candidate-stream-picker',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('mounts the discovery page at /data-mesh', () => {
    const tester = createExtensionTester(plugin.getExtension('page:data-mesh'));
    expect(tester.get(coreExtensionData.routePath)).toBe('/data-mesh');
    expect(tester.get(coreExtensionData.title)).toBe('Data mesh');
  });

  it.each([
    ['schema', '/schema', 'Schema'],
    ['live', '/live', 'Live'],
    ['lineage', '/lineage', 'Lineage'],
    ['access', '/access', 'Access'],
  ] as const)('adds the %s tab to DataProduct pages', (name, path, title) => {
    const tester = createExtensionTester(
      plugin.getExtension(`entity-content:data-mesh/${name}`),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe(path);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const entity = (kind: string) => ({
      apiVersion: 'v1',
      kind,
      metadata: { name: 'x' },
    });
    expect(filter(entity('DataProduct'))).toBe(true);
    expect(filter(entity('Component'))).toBe(false);
  });

  it('adds the access requests card to Group pages', () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-card:data-mesh/group-access-requests'),
    );
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    const entity = (kind: string) => ({
      apiVersion: 'v1',
      kind,
      metadata: { name: 'x' },
    });
    expect(filter(entity('Group'))).toBe(true);
    expect(filter(entity('DataProduct'))).toBe(false);
  });

  it.each([
    ['schema-editor', 'DataMeshSchemaEditor'],
    ['inputs-picker', 'DataMeshInputsPicker'],
    ['candidate-stream-picker', 'DataMeshCandidateStreamPicker'],
  ] as const)(
    'gives the scaffolder the %s form field, named %s',
    async (name, fieldName) => {
      const extension = plugin.getExtension(
        `scaffolder-form-field:data-mesh/${name}`,
      );
      const tester = createExtensionTester(extension);
      const field = await tester.get(
        FormFieldBlueprint.dataRefs.formFieldLoader,
      )();
      // What the scaffolder's form fields API reads from the opaque field.
      expect(field).toMatchObject({
        $$type: '@backstage/scaffolder/FormField',
        version: 'v1',
        name: fieldName,
      });
    },
  );
});
