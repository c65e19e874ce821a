import { IngestionError, IngestionErrors } from './IngestionErrors';

const error = (offset: number): IngestionError => ({
  cluster: 'local',
  topic: '_data-products',
  partition: 0,
  offset: String(offset),
  key: `default/p${offset}`,
  reason: `bad record ${offset}`,
  at: '2024-01-01T00:00:00.000Z',
});

describe('IngestionErrors', () => {
  it('is empty at first', () => {
    expect(new IngestionErrors().list()).toEqual([]);
  });

  it('lists the newest error first', () => {
    const errors = new IngestionErrors();
    errors.add(error(1));
    errors.add(error(2));
    errors.add(error(3));
    expect(errors.list().map(e => e.offset)).toEqual(['3', '2', '1']);
  });

  it('drops the oldest errors beyond its capacity', () => {
    const errors = new IngestionErrors(3);
    for (let offset = 1; offset <= 5; offset++) errors.add(error(offset));
    expect(errors.list().map(e => e.offset)).toEqual(['5', '4', '3']);
  });

  it('keeps 500 errors by default', () => {
    const errors = new IngestionErrors();
    for (let offset = 1; offset <= 501; offset++) errors.add(error(offset));
    const list = errors.list();
    expect(list).toHaveLength(500);
    expect(list[0].offset).toBe('501');
    expect(list[499].offset).toBe('2');
  });

  it('hands out a copy that callers cannot use to change it', () => {
    const errors = new IngestionErrors();
    errors.add(error(1));
    errors.list().pop();
    expect(errors.list()).toHaveLength(1);
  });
});
