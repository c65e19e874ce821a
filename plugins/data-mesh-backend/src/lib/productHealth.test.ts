import {
  OffsetsAt,
  THROUGHPUT_WINDOW_MS,
  throughputBoundaries,
  throughputFromOffsets,
} from './productHealth';

const end = Date.parse('2026-01-01T12:00:00.000Z');
const minute = THROUGHPUT_WINDOW_MS;

function at(
  ms: number,
  ...offsets: Array<[partition: number, offset: string]>
): OffsetsAt {
  return {
    at: ms,
    offsets: offsets.map(([partition, offset]) => ({ partition, offset })),
  };
}

describe('throughputBoundaries', () => {
  it('gives 11 boundaries one minute apart, oldest first, ending now', () => {
    const boundaries = throughputBoundaries(end);
    expect(boundaries).toHaveLength(11);
    expect(boundaries[0]).toBe(end - 10 * minute);
    expect(boundaries[10]).toBe(end);
    for (let i = 1; i < boundaries.length; i++) {
      expect(boundaries[i] - boundaries[i - 1]).toBe(minute);
    }
  });
});

describe('throughputFromOffsets', () => {
  it('turns the offsets at the boundaries into rates, oldest first', () => {
    const points = throughputFromOffsets([
      at(end - 2 * minute, [0, '100'], [1, '0']),
      at(end - minute, [0, '160'], [1, '60']),
      at(end, [0, '160'], [1, '66']),
    ]);
    expect(points).toEqual([
      { at: '2026-01-01T11:59:00.000Z', perSecond: 2 },
      { at: '2026-01-01T12:00:00.000Z', perSecond: 0.1 },
    ]);
  });

  it('sorts boundaries given out of order', () => {
    const points = throughputFromOffsets([
      at(end, [0, '120']),
      at(end - minute, [0, '60']),
    ]);
    expect(points).toEqual([{ at: '2026-01-01T12:00:00.000Z', perSecond: 1 }]);
  });

  it('ignores partitions missing at a boundary, bad and receding offsets', () => {
    const points = throughputFromOffsets([
      at(end - minute, [0, '100'], [1, '50'], [2, 'x']),
      // partition 1 went back (truncated); partition 3 is new.
      at(end, [0, '130'], [1, '10'], [2, '90'], [3, '500']),
    ]);
    expect(points).toEqual([
      { at: '2026-01-01T12:00:00.000Z', perSecond: 0.5 },
    ]);
  });

  it('copes with offsets beyond the safe integer range', () => {
    const points = throughputFromOffsets([
      at(end - minute, [0, '9007199254740993']),
      at(end, [0, '9007199254741053']),
    ]);
    expect(points[0].perSecond).toBe(1);
  });

  it('gives 10 points for the 11 boundaries of an idle topic', () => {
    const points = throughputFromOffsets(
      throughputBoundaries(end).map(ms => at(ms, [0, '7'])),
    );
    expect(points).toHaveLength(10);
    expect(points.every(p => p.perSecond === 0)).toBe(true);
    expect(points[9].at).toBe('2026-01-01T12:00:00.000Z');
  });

  it('gives nothing for fewer than two boundaries', () => {
    expect(throughputFromOffsets([])).toEqual([]);
    expect(throughputFromOffsets([at(end, [0, '1'])])).toEqual([]);
  });
});
