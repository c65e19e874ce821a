import {
  ProductHealthResponse,
  readableDuration,
} from '@kafka-mesh/plugin-data-mesh-common';

/**
 * The newest record's age against the SLA, as people say durations:
 * `Newest record 4 min old; the SLA promises 5 min.`
 */
export function freshnessText(
  freshness: ProductHealthResponse['freshness'],
): string {
  const promise = `the SLA promises ${readableDuration(freshness.slaMs)}`;
  if (freshness.ageMs === undefined) {
    return `No record yet; ${promise}.`;
  }
  // Broker and backend clocks may disagree by a little: never "-2 s old".
  const age = readableDuration(Math.max(0, freshness.ageMs));
  return `Newest record ${age} old; ${promise}.`;
}
