import type { SchemaField } from '@kafka-mesh/plugin-data-mesh-common';
import { diffFields } from './diffFields';

const field = (
  path: string,
  type: string,
  extra: Partial<SchemaField> = {},
): SchemaField => ({ path, type, nullable: false, pii: false, ...extra });

describe('diffFields', () => {
  it('reports nothing for the same fields', () => {
    const fields = [field('a', 'string'), field('b.c', 'long')];
    expect(diffFields(fields, [...fields])).toEqual([]);
  });

  it('reports added, removed, type and default changes by path', () => {
    const v1 = [
      field('id', 'string'),
      field('amount', 'int'),
      field('currency', 'enum(EUR|USD)', { default: '"EUR"' }),
      field('legacy', 'string'),
      field('note', 'string'),
    ];
    const v2 = [
      field('id', 'string'),
      field('amount', 'long'),
      field('currency', 'enum(EUR|USD)', { default: '"USD"' }),
      field('note', 'string', { nullable: true }),
      field('channel', 'string', { default: '"web"' }),
    ];
    expect(diffFields(v1, v2)).toEqual([
      { path: 'amount', change: 'type-changed', before: 'int', after: 'long' },
      {
        path: 'currency',
        change: 'default-changed',
        before: '"EUR"',
        after: '"USD"',
      },
      {
        path: 'note',
        change: 'type-changed',
        before: 'string',
        after: 'string (nullable)',
      },
      { path: 'channel', change: 'added', after: 'string' },
      { path: 'legacy', change: 'removed', before: 'string' },
    ]);
  });

  it('reports a default that appears or disappears', () => {
    expect(
      diffFields([field('a', 'int')], [field('a', 'int', { default: '1' })]),
    ).toEqual([{ path: 'a', change: 'default-changed', after: '1' }]);
    expect(
      diffFields([field('a', 'int', { default: '1' })], [field('a', 'int')]),
    ).toEqual([{ path: 'a', change: 'default-changed', before: '1' }]);
  });

  it('ignores doc and PII flags', () => {
    expect(
      diffFields(
        [field('a', 'int', { doc: 'x' })],
        [field('a', 'int', { doc: 'y', pii: true })],
      ),
    ).toEqual([]);
  });
});
