import { freshnessText } from './freshnessText';

describe('freshnessText', () => {
  it('says the age and the promise as people say durations', () => {
    expect(
      freshnessText({ status: 'at-risk', slaMs: 300_000, ageMs: 240_000 }),
    ).toBe('Newest record 4 min old; the SLA promises 5 min.');
    expect(
      freshnessText({ status: 'breached', slaMs: 60_000, ageMs: 5_430_000 }),
    ).toBe('Newest record 1 h 30 min old; the SLA promises 1 min.');
  });

  it('copes with an empty topic and a record from the near future', () => {
    expect(freshnessText({ status: 'unknown', slaMs: 900_000 })).toBe(
      'No record yet; the SLA promises 15 min.',
    );
    expect(freshnessText({ status: 'ok', slaMs: 60_000, ageMs: -800 })).toBe(
      'Newest record 0 s old; the SLA promises 1 min.',
    );
  });
});
