import type { CompatibilityLevel } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * Which readers a change breaks: `backward`, consumers that moved to the new
 * schema reading records written with the old one; `forward`, consumers
 * still on the old schema reading records written with the new one.
 */
export type Direction = 'backward' | 'forward';

/** One incompatible change, before it becomes a sentence. */
export type Incompatibility = {
  /** What changed, e.g. "type of `qty` changed from long to string". */
  change: string;
  direction: Direction;
  /** Why it matters, when it is not simply that a reader fails. */
  consequence?: string;
};

const CONSEQUENCES = {
  backward: 'consumers using the new schema cannot read old records',
  forward: 'consumers still using the old schema cannot read new records',
  both: 'consumers of either version cannot read records written with the other',
};

/** The reader/writer directions a compatibility level asks for. */
export function directionsOf(level: CompatibilityLevel): Direction[] {
  if (level.startsWith('BACKWARD')) return ['backward'];
  if (level.startsWith('FORWARD')) return ['forward'];
  if (level.startsWith('FULL')) return ['backward', 'forward'];
  return [];
}

/** Markdown-style code for a field path; the root record has none. */
export const fieldRef = (path: string, noun = 'field') =>
  path ? `${noun} \`${path}\`` : 'the record';

/**
 * One sentence per change, in the order found; a change that breaks both
 * directions is said once.
 */
export function toSentences(issues: Incompatibility[]): string[] {
  const byChange = new Map<string, Incompatibility[]>();
  for (const issue of issues) {
    byChange.set(issue.change, [...(byChange.get(issue.change) ?? []), issue]);
  }
  return [...byChange.entries()].map(([change, found]) => {
    const custom = found.find(f => f.consequence)?.consequence;
    const directions = new Set(found.map(f => f.direction));
    const consequence =
      custom ??
      (directions.size > 1
        ? CONSEQUENCES.both
        : CONSEQUENCES[found[0].direction]);
    return `${change}, so ${consequence}`;
  });
}
