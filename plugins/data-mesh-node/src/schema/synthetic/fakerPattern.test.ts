import { toFakerPattern } from './fakerPattern';
import { createSyntheticFaker } from './syntheticFaker';

describe('toFakerPattern', () => {
  it.each([
    ['^[A-Z]{3}-\\d{4}$', '[A-Z]{3}-[0-9]{4}'],
    ['\\w+@example\\.com', '[a-zA-Z0-9_]{1,5}@example.com'],
    ['[\\d.]+x?', '[0-9.]{1,5}x{0,1}'],
    ['a.*b', 'a[a-z]{0,5}b'],
  ])('rewrites %s', (pattern, expected) => {
    expect(toFakerPattern(pattern)).toBe(expected);
  });

  it.each(['^[A-Z]{3}-\\d{4}$', '^\\w+@example\\.com$', '^[a-f0-9]+$'])(
    'lets faker draw values that match %s',
    pattern => {
      const faker = createSyntheticFaker(3);
      for (let i = 0; i < 20; i++) {
        expect(faker.helpers.fromRegExp(toFakerPattern(pattern))).toMatch(
          new RegExp(pattern),
        );
      }
    },
  );
});
