import { fromSlaProperties, toSlaProperties } from './slaProperties';

describe('slaProperties', () => {
  it('writes durations as a number and the largest exact unit', () => {
    expect(
      toSlaProperties({
        tier: 'tier-2',
        availability: 99.5,
        freshness: 'PT90S',
        retention: 'P2W',
        supportHours: 'business-hours',
        responseTime: 'PT0.5S',
        onCall: 'https://oncall.example.com',
      }),
    ).toEqual([
      { property: 'tier', value: 'tier-2' },
      { property: 'availability', value: 99.5, unit: 'percent' },
      { property: 'latency', value: 90, unit: 's' },
      { property: 'retention', value: 14, unit: 'd' },
      { property: 'supportHours', value: 'business-hours' },
      { property: 'responseTime', value: 0.5, unit: 's' },
    ]);
  });

  it('leaves out optional durations that are not set', () => {
    const properties = toSlaProperties({
      tier: 'tier-1',
      availability: 99.9,
      freshness: 'PT5M',
      supportHours: '24x7',
      onCall: 'https://oncall.example.com',
    });
    expect(properties.map(p => p.property)).toEqual([
      'tier',
      'availability',
      'latency',
      'supportHours',
    ]);
  });

  it('reads property names case-insensitively and units in ODCS spellings', () => {
    expect(
      fromSlaProperties([
        { property: 'Tier', value: 'tier-3' },
        { property: 'AVAILABILITY', value: 99, unit: 'percent' },
        { property: 'latency', value: 2, unit: 'hours' },
        { property: 'retention', value: 1, unit: 'week' },
        { property: 'supporthours', value: '24x7' },
      ]),
    ).toEqual({
      tier: 'tier-3',
      availability: 99,
      freshness: 'PT2H',
      retention: 'P7D',
      supportHours: '24x7',
      responseTime: undefined,
    });
  });

  it('drops durations in units without a fixed length', () => {
    expect(
      fromSlaProperties([{ property: 'retention', value: 3, unit: 'y' }])
        .retention,
    ).toBeUndefined();
  });
});
