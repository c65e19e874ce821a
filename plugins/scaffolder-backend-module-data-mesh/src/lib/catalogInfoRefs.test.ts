import { InputError } from '@backstage/errors';
import { catalogInfoRef } from './catalogInfoRefs';

const component = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: "orders-producer"',
  'spec:',
  '  owner: "group:default/guests"',
  '  system: "system:default/shop"',
].join('\n');

describe('catalogInfoRef', () => {
  it('gives the ref of the one entity, with the default namespace', () => {
    expect(catalogInfoRef(component, '/catalog-info.yaml', ['Component'])).toBe(
      'component:default/orders-producer',
    );
    expect(
      catalogInfoRef(
        '---\nkind: DataProduct\nmetadata:\n  name: orders\n  namespace: shop\n',
        '/c.yaml',
        ['Component', 'DataProduct'],
      ),
    ).toBe('dataproduct:shop/orders');
  });

  it('resolves a short owner in the entity namespace, as the catalog does', () => {
    const text =
      'kind: Component\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  owner: guests\n';
    expect(catalogInfoRef(text, '/c.yaml', ['Component'])).toBe(
      'component:shop/app',
    );
  });

  it.each([
    ['kind: [Component', '/c.yaml is not valid YAML'],
    ['just: data', '/c.yaml is not an entity; it needs kind and metadata.name'],
    ['# nothing', '/c.yaml describes no entities'],
    ['', '/c.yaml describes no entities'],
    // A value that escaped its field and planted a second entity.
    [
      `${component}\n  description: x\n---\nkind: Group\nmetadata:\n  name: planted\n`,
      '/c.yaml holds 2 YAML documents; a generated catalog file must describe exactly one entity',
    ],
    // Even an empty second document: the templates never write one.
    [`${component}\n---\n`, '/c.yaml holds 2 YAML documents'],
    [
      'kind: Group\nmetadata:\n  name: planted\n',
      '/c.yaml describes a Group; this step registers only Component (allowedKinds)',
    ],
    [
      'kind: location\nmetadata:\n  name: more\n',
      '/c.yaml describes a location; this step registers only Component',
    ],
    [
      'kind: Component\nmetadata:\n  name: "a\\nb"\n',
      '/c.yaml: metadata.name "a\\nb" is not an entity name',
    ],
    [
      'kind: Component\nmetadata:\n  name: app\n  namespace: Shop\n',
      '/c.yaml: metadata.namespace "Shop" is not an entity namespace',
    ],
    [
      'kind: Component\nmetadata:\n  name: app\nspec:\n  owner: "x\\nkind: Group"\n',
      '/c.yaml: spec.owner "x\\nkind: Group" is not an entity reference',
    ],
    [
      'kind: Component\nmetadata:\n  name: app\nspec:\n  owner: component:default/other\n',
      '/c.yaml: spec.owner "component:default/other" must refer to Group or User, not component',
    ],
    [
      'kind: Component\nmetadata:\n  name: app\nspec:\n  system: group:default/admins\n',
      '/c.yaml: spec.system "group:default/admins" must refer to System, not group',
    ],
  ])('refuses %j', (text, message) => {
    expect(() => catalogInfoRef(text, '/c.yaml', ['Component'])).toThrow(
      InputError,
    );
    expect(() => catalogInfoRef(text, '/c.yaml', ['Component'])).toThrow(
      message,
    );
  });
});
