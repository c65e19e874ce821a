import { grantAcls, kafkaPrincipalOf, sameAcl } from './grantAcls';

describe('grantAcls', () => {
  it('grants READ and DESCRIBE on the topic and READ on the group prefix', () => {
    const acls = grantAcls({
      topic: 'sales.orders.v1',
      groupPrefix: 'billing.',
      principal: 'User:billing',
    });
    const common = {
      principal: 'User:billing',
      host: '*',
      permission: 'allow',
    };
    expect(acls).toEqual([
      {
        ...common,
        resourceType: 'topic',
        resourceName: 'sales.orders.v1',
        patternType: 'literal',
        operation: 'read',
      },
      {
        ...common,
        resourceType: 'topic',
        resourceName: 'sales.orders.v1',
        patternType: 'literal',
        operation: 'describe',
      },
      {
        ...common,
        resourceType: 'group',
        resourceName: 'billing.',
        patternType: 'prefixed',
        operation: 'read',
      },
    ]);
    expect(sameAcl(acls[0], { ...acls[0] })).toBe(true);
    expect(sameAcl(acls[0], acls[1])).toBe(false);
  });
});

describe('kafkaPrincipalOf', () => {
  const resource = (annotations?: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'billing-app', annotations },
  });

  it('takes the annotation, else User:<name>', () => {
    expect(
      kafkaPrincipalOf(
        resource({ 'kafka-mesh.io/kafka-principal': 'User:CN=billing' }),
      ),
    ).toBe('User:CN=billing');
    expect(kafkaPrincipalOf(resource())).toBe('User:billing-app');
    expect(
      kafkaPrincipalOf(resource({ 'kafka-mesh.io/kafka-principal': ' ' })),
    ).toBe('User:billing-app');
  });
});
