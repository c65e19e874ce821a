import type { PortalClient } from './portalClient';
import { counterIn, Update } from './publisher';

export interface VisibilityCheck {
  stop(): Promise<void>;
}

const POLL_MS = 500;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Watches the catalog for acknowledged updates: twice a second, each
 * product with an acknowledged update not yet seen is read from
 * `GET /api/catalog/entities/by-name/dataproduct/default/<name>`, and every
 * update of it up to the counter its description shows is marked visible.
 * A later update showing counts for the earlier ones: a descriptor replaces
 * the one before it (the registry topic is compacted by product), so the
 * earlier one can be overtaken before the catalog's next pass, and is not
 * lost when the later one is there.
 */
export function startVisibilityCheck(
  client: PortalClient,
  updates: Update[],
  run: string,
): VisibilityCheck {
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      const pending = new Set(
        updates.filter(u => u.ackedAt && !u.visibleAt).map(u => u.product),
      );
      for (const name of pending) {
        const { status, body } = await client.request(
          'GET',
          `/api/catalog/entities/by-name/dataproduct/default/${name}`,
        );
        if (status !== 200) continue;
        const seen = counterIn(JSON.parse(body)?.metadata?.description, run);
        if (seen === undefined) continue;
        const now = Date.now();
        for (const u of updates) {
          if (
            u.product === name &&
            u.ackedAt &&
            !u.visibleAt &&
            u.counter <= seen
          ) {
            u.visibleAt = now;
            u.seenExactly = u.counter === seen;
          }
        }
      }
      await sleep(POLL_MS);
    }
  };
  const running = loop();
  return {
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
