export interface StatusFacts {
  uptimeMs: number;
  /** Records sent per product name, by every producer (a product may repeat). */
  sent: Iterable<readonly [string, number]>;
  /** The products the processors write; the others are source products. */
  derived: readonly string[];
  /** Input records processed, per processor. */
  processed: number[];
  dashboardRead: number;
  /** Undefined when it could not be read. */
  dashboardLag?: number;
  /** Best-selling article in the dashboard's current window. */
  top?: string;
}

function minutes(ms: number): string {
  const total = Math.floor(ms / 60_000);
  return total < 60 ? `${total}m` : `${Math.floor(total / 60)}h${total % 60}m`;
}

/** The runtime's one-line status, logged every minute. */
export function formatStatusLine(facts: StatusFacts): string {
  let source = 0;
  let derived = 0;
  for (const [product, count] of facts.sent) {
    if (facts.derived.includes(product)) derived += count;
    else source += count;
  }
  const processed = facts.processed.reduce((a, b) => a + b, 0);
  const lag =
    facts.dashboardLag === undefined ? 'lag ?' : `lag ${facts.dashboardLag}`;
  return [
    `up ${minutes(facts.uptimeMs)}`,
    `produced ${source} source records`,
    `processors read ${processed}, wrote ${derived}`,
    `sales-dashboard read ${facts.dashboardRead} (${lag})${
      facts.top ? `, top seller: ${facts.top}` : ''
    }`,
    'page-views paused',
  ].join(' · ');
}
