import { checkCompatibility, compatibilitySatisfies } from './compatibility';
import { DEFAULT_GOVERNANCE_RULES } from './defaults';
import { COMPATIBILITY_LEVELS, CompatibilityLevel } from './types';

describe('compatibilitySatisfies', () => {
  it.each(COMPATIBILITY_LEVELS.map(level => [level]))(
    '%s satisfies itself and NONE, and FULL_TRANSITIVE satisfies it',
    level => {
      expect(compatibilitySatisfies(level, level)).toBe(true);
      expect(compatibilitySatisfies(level, 'NONE')).toBe(true);
      expect(compatibilitySatisfies('FULL_TRANSITIVE', level)).toBe(true);
    },
  );

  it.each<[CompatibilityLevel, CompatibilityLevel]>([
    ['FULL', 'BACKWARD'],
    ['FULL', 'FORWARD'],
    ['BACKWARD_TRANSITIVE', 'BACKWARD'],
    ['FORWARD_TRANSITIVE', 'FORWARD'],
  ])('%s satisfies %s', (level, minimum) => {
    expect(compatibilitySatisfies(level, minimum)).toBe(true);
  });

  it.each<[CompatibilityLevel, CompatibilityLevel]>([
    ['NONE', 'BACKWARD'],
    ['BACKWARD', 'BACKWARD_TRANSITIVE'],
    ['BACKWARD', 'FORWARD'],
    ['FORWARD_TRANSITIVE', 'BACKWARD'],
    // FULL is not transitive: it says nothing about older versions.
    ['FULL', 'BACKWARD_TRANSITIVE'],
    ['FULL', 'FULL_TRANSITIVE'],
    ['BACKWARD_TRANSITIVE', 'FULL'],
  ])('%s does not satisfy %s', (level, minimum) => {
    expect(compatibilitySatisfies(level, minimum)).toBe(false);
  });
});

describe('checkCompatibility', () => {
  const rules = DEFAULT_GOVERNANCE_RULES;

  it('accepts the minimum or stricter', () => {
    expect(checkCompatibility('tier-1', 'BACKWARD_TRANSITIVE', rules)).toEqual(
      [],
    );
    expect(checkCompatibility('tier-1', 'FULL_TRANSITIVE', rules)).toEqual([]);
    expect(checkCompatibility('tier-2', 'FULL', rules)).toEqual([]);
  });

  it('accepts anything for a tier without a minimum', () => {
    expect(checkCompatibility('tier-3', 'NONE', rules)).toEqual([]);
  });

  it("names the tier's config key when the level does not imply the minimum", () => {
    expect(checkCompatibility('tier-1', 'BACKWARD', rules)).toEqual([
      {
        rule: 'min-compatibility',
        configKey: 'dataMesh.governance.minCompatibility.tier-1',
        message:
          'compatibility BACKWARD is not BACKWARD_TRANSITIVE or stricter, as tier-1 products need',
      },
    ]);
  });
});
