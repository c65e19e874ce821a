import { readableDuration } from '@kafka-mesh/plugin-data-mesh-common';

/**
 * How long before `since` (default now) the ISO time `at` was, as people
 * say it (`4 min ago`); `just now` under a second (an age in milliseconds
 * says more than anyone reads), also for a time after `since` (clocks of
 * broker and browser disagree); `undefined` when `at` is not a time.
 */
export function timeAgoText(
  at: string,
  since: number = Date.now(),
): string | undefined {
  const then = Date.parse(at);
  if (Number.isNaN(then)) return undefined;
  const age = since - then;
  if (age < 1000) return 'just now';
  return `${readableDuration(age)} ago`;
}
