/**
 * The ISO-8601 durations an SLA may use: weeks, days, hours, minutes and
 * seconds, fractions only on seconds (as java.time.Duration does). Years and
 * months are left out on purpose: they have no fixed length, so two
 * freshness promises using them could not be ordered.
 *
 * Kept as a string so the JSON schema can use the very same rule.
 *
 * @public
 */
export const ISO_DURATION_PATTERN =
  '^P(?!$)(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?=\\d)(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?$';

const SUPPORTED = new RegExp(ISO_DURATION_PATTERN);
// Any ISO-8601 duration, only to tell "unsupported" apart from "garbage".
const ANY_ISO = /^P(?:\d+(?:[.,]\d+)?[YMWD])*(?:T(?:\d+(?:[.,]\d+)?[HMS])+)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Lengths of the fixed-length units, in milliseconds. */
export const UNIT_MS = {
  week: WEEK,
  day: DAY,
  hour: HOUR,
  minute: MINUTE,
  second: SECOND,
} as const;

/**
 * Why `text` is not a duration {@link parseIsoDuration} accepts; meant for
 * text that has already failed {@link ISO_DURATION_PATTERN}.
 */
export function explainInvalidDuration(text: string): string {
  return ANY_ISO.test(text) && /^P[^T]*[YM]/.test(text)
    ? `'${text}' uses years or months, which have no fixed length; use weeks, days, hours, minutes or seconds`
    : `'${text}' is not an ISO-8601 duration`;
}

/**
 * Parses an ISO-8601 duration such as `PT5M` into milliseconds.
 *
 * @throws TypeError naming the text and the reason it was rejected
 *
 * @public
 */
export function parseIsoDuration(text: string): number {
  const match = SUPPORTED.exec(text);
  if (!match) {
    throw new TypeError(explainInvalidDuration(text));
  }
  const [, weeks, days, hours, minutes, seconds] = match;
  const whole = (part: string | undefined) => (part ? Number(part) : 0);
  return (
    whole(weeks) * WEEK +
    whole(days) * DAY +
    whole(hours) * HOUR +
    whole(minutes) * MINUTE +
    Math.round(Number((seconds ?? '0').replace(',', '.')) * SECOND)
  );
}

/**
 * Formats milliseconds as a canonical ISO-8601 duration in days, hours,
 * minutes and seconds, e.g. 90000000 → `P1DT1H`.
 *
 * @public
 */
export function formatIsoDuration(duration: number): string {
  if (!Number.isFinite(duration) || duration < 0) {
    throw new TypeError(`${duration} is not a non-negative duration`);
  }
  // Whole milliseconds, so unit conversions cannot leak float noise into seconds.
  const ms = Math.round(duration);
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = (ms % MINUTE) / SECOND;
  const date = days ? `${days}D` : '';
  const time =
    (hours ? `${hours}H` : '') +
    (minutes ? `${minutes}M` : '') +
    (seconds ? `${seconds}S` : '');
  if (!date && !time) {
    return 'PT0S';
  }
  return `P${date}${time ? `T${time}` : ''}`;
}
