import { InputError } from '@backstage/errors';
import {
  assertEntityName,
  assertEntityNamespace,
  assertEntityRef,
  shown,
} from './safeValues';

// What a form field carrying a second YAML document looks like.
const planted =
  'x\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: planted\n';

describe('assertEntityName', () => {
  it.each(['orders-placed', 'a', 'Team_A.v2', 'x'.repeat(63)])(
    'accepts %j',
    name => {
      expect(assertEntityName(name, 'name')).toBe(name);
    },
  );

  it.each([
    planted,
    '',
    'x'.repeat(64),
    '-orders',
    'orders-',
    'orders placed',
    'group:default/x',
    'a\nb',
    42,
    undefined,
  ])('refuses %j, naming the field', name => {
    expect(() => assertEntityName(name, 'metadata.name')).toThrow(InputError);
    expect(() => assertEntityName(name, 'metadata.name')).toThrow(
      `metadata.name ${shown(
        name,
      )} is not an entity name: 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    );
  });
});

describe('assertEntityNamespace', () => {
  it('accepts a DNS label and refuses anything else', () => {
    expect(assertEntityNamespace('shop-eu', 'ns')).toBe('shop-eu');
    for (const bad of ['Shop', 'a_b', 'default\n---', '']) {
      expect(() => assertEntityNamespace(bad, 'metadata.namespace')).toThrow(
        `metadata.namespace ${shown(bad)} is not an entity namespace`,
      );
    }
  });
});

describe('assertEntityRef', () => {
  const owner = { kinds: ['Group', 'User'], defaultKind: 'Group' };

  it('gives the canonical form of a valid ref', () => {
    expect(assertEntityRef('group:default/guests', 'owner', owner)).toBe(
      'group:default/guests',
    );
    // Refs compare case-insensitively; the canonical form is lower case.
    expect(assertEntityRef('User:Shop/Jane.Doe', 'owner', owner)).toBe(
      'user:shop/jane.doe',
    );
    // The defaults fill what the ref leaves out.
    expect(assertEntityRef('guests', 'owner', owner)).toBe(
      'group:default/guests',
    );
    expect(
      assertEntityRef('orders', 'entityRef', {
        defaultKind: 'DataProduct',
        defaultNamespace: 'shop',
      }),
    ).toBe('dataproduct:shop/orders');
  });

  it.each([
    [
      `group:default/${planted}`,
      `owner ${shown(
        `group:default/${planted}`,
      )} is not an entity reference ([<kind>:][<namespace>/]<name>): the name ${shown(
        planted,
      )} is not 1-63 letters`,
    ],
    // parseEntityRef alone would read this as kind "x\n---\napiVersion".
    [planted, `the kind ${shown('x\n---\napiVersion')} is not 1-63 letters`],
    [
      `group:${planted}`,
      `the namespace ${shown(
        'x\n---\napiVersion: backstage.io',
      )} is not 1-63 letters`,
    ],
    ['group:default/a b', `the name "a b" is not 1-63 letters`],
    ['group:default/', 'a part of it is empty'],
    [':guests', 'a part of it is empty'],
    ['', 'it is empty'],
    [42, 'it is not a string'],
    [
      'component:default/guests',
      'owner "component:default/guests" must refer to Group or User, not component',
    ],
  ])('refuses %j, naming the field and the reason', (value, message) => {
    expect(() => assertEntityRef(value, 'owner', owner)).toThrow(InputError);
    expect(() => assertEntityRef(value, 'owner', owner)).toThrow(message);
  });

  it('asks for a kind when there is no default', () => {
    expect(() => assertEntityRef('guests', 'system')).toThrow(
      'system "guests" is not an entity reference (<kind>:[<namespace>/]<name>): it names no kind',
    );
    expect(assertEntityRef('system:default/shop', 'system')).toBe(
      'system:default/shop',
    );
  });
});
