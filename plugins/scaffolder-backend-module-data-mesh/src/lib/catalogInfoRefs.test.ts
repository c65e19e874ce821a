import { InputError } from '@backstage/errors';
import { catalogInfoRefs } from './catalogInfoRefs';

describe('catalogInfoRefs', () => {
  it('lists the refs of every entity, with the default namespace', () => {
    const text = [
      'kind: Component\nmetadata:\n  name: app',
      '# a comment-only document',
      'kind: API\nmetadata:\n  name: events\n  namespace: shop',
    ].join('\n---\n');
    expect(catalogInfoRefs(text, '/catalog-info.yaml')).toEqual([
      'component:default/app',
      'api:shop/events',
    ]);
  });

  it.each([
    ['kind: [Component', '/c.yaml is not valid YAML'],
    ['just: data', '/c.yaml: document 1 is not an entity'],
    ['# nothing', '/c.yaml describes no entities'],
  ])('refuses %j', (text, message) => {
    expect(() => catalogInfoRefs(text, '/c.yaml')).toThrow(InputError);
    expect(() => catalogInfoRefs(text, '/c.yaml')).toThrow(message);
  });
});
