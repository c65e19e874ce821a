import { newestFirst } from './readNewestRecords';

const record = (partition: number, offset: number, timestamp: number) => ({
  topic: 't',
  partition,
  offset: String(offset),
  timestamp,
  key: null,
  value: null,
});

describe('newestFirst', () => {
  it('keeps the newest records over all partitions', () => {
    const records = [
      record(0, 1, 100),
      record(1, 7, 300),
      record(0, 2, 200),
      record(1, 6, 50),
    ];
    expect(newestFirst(records, 3).map(r => [r.partition, r.offset])).toEqual([
      [1, '7'],
      [0, '2'],
      [0, '1'],
    ]);
  });
});
