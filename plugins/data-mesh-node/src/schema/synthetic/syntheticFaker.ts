import { base, en, Faker } from '@faker-js/faker';

/**
 * Records use the same seed unless the caller picks one.
 *
 * @public
 */
export const DEFAULT_SYNTHETIC_SEED = 42;

/**
 * Dates are drawn relative to a fixed day, not to now, so that a seed
 * gives the same records tomorrow.
 */
const SYNTHETIC_REFERENCE_DATE = new Date('2025-01-01T00:00:00Z');

/**
 * Beyond this many nested records, messages or objects the generators
 * leave optional parts out (nullable ones null, arrays and maps empty), so
 * that a schema that contains itself optionally still gives finite
 * records. Their worst-case walks follow the same rule.
 */
export const OPTIONAL_DEPTH = 5;

/**
 * The branches of a union (or members of a oneof, or types of a node) the
 * generators choose from at `depth`: deep down only those that end there
 * (scalars), when there are any, so that a type that may contain itself
 * through a union gives finite records. Their worst-case walks follow the
 * same rule.
 */
export function branchesAt<T>(
  branches: T[],
  depth: number,
  isLeaf: (branch: T) => boolean,
): T[] {
  if (depth < OPTIONAL_DEPTH) return branches;
  const leaves = branches.filter(isLeaf);
  return leaves.length ? leaves : branches;
}

/** A faker of its own (the shared one is global state), seeded. */
export function createSyntheticFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base], seed });
  faker.setDefaultRefDate(SYNTHETIC_REFERENCE_DATE);
  return faker;
}

/** A moment within the year before the reference date. */
export const recentDate = (faker: Faker) => faker.date.past({ years: 1 });

/** Dotted paths compare without case and underscores (`customer_email`
 * in a .proto is `customerEmail` in its records). */
export const normalizePath = (path: string) =>
  path.toLowerCase().replace(/_/g, '');

/** What every format's generator needs. */
export type SyntheticContext = {
  faker: Faker;
  /** Normalized dotted paths the descriptor lists as PII. */
  piiPaths: Set<string>;
};
