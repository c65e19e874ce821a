import { parseIsoDuration, UNIT_MS } from './isoDuration';

// Largest unit first; each duration is said in at most two units, as people
// say "1 h 30 min" rather than "1 h 30 min 12 s".
const UNITS: ReadonlyArray<[ms: number, one: string, many: string]> = [
  [UNIT_MS.week, 'week', 'weeks'],
  [UNIT_MS.day, 'day', 'days'],
  [UNIT_MS.hour, 'h', 'h'],
  [UNIT_MS.minute, 'min', 'min'],
  [UNIT_MS.second, 's', 's'],
];

/**
 * A duration as people say it: `45 s`, `5 min`, `1 h 30 min`, `2 days`;
 * at most two units, the smaller one dropped when it is zero; below one
 * second, `0 s` (or the milliseconds when there are any).
 *
 * @public
 */
export function readableDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new TypeError(`${ms} is not a non-negative duration`);
  }
  if (ms < UNIT_MS.second) {
    return ms > 0 ? `${Math.round(ms)} ms` : '0 s';
  }
  const index = UNITS.findIndex(([unit]) => ms >= unit);
  const [unit, one, many] = UNITS[index];
  const whole = Math.floor(ms / unit);
  const parts = [`${whole} ${whole === 1 ? one : many}`];
  const next = UNITS[index + 1];
  if (next) {
    const rest = Math.floor((ms - whole * unit) / next[0]);
    if (rest > 0) parts.push(`${rest} ${rest === 1 ? next[1] : next[2]}`);
  }
  return parts.join(' ');
}

/**
 * An ISO-8601 duration as people say it (`PT5M` → `5 min`); text that is
 * not a duration the SLA accepts is returned as it is, so a bad value is
 * shown rather than hidden.
 *
 * @public
 */
export function readableIsoDuration(iso: string): string {
  try {
    return readableDuration(parseIsoDuration(iso));
  } catch {
    return iso;
  }
}
