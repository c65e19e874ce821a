import { isDeepStrictEqual } from 'node:util';
import type { LoadedDescriptor } from './loadDescriptors';
import type { PortalClient } from './portalClient';

export interface AwaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Whether the catalog entity holds this version of the descriptor's spec. */
function showsVersion(
  entity: { spec?: Record<string, unknown> } | undefined,
  descriptor: LoadedDescriptor,
): boolean {
  if (!entity?.spec) return false;
  // The catalog adds what it observed; everything else is as published.
  const { observed: _observed, ...spec } = entity.spec;
  return isDeepStrictEqual(
    spec,
    JSON.parse(JSON.stringify(descriptor.entity.spec)),
  );
}

/**
 * Waits until the catalog shows the published version of every descriptor
 * (the barrier of a product reading them checks them there, SLA included);
 * resolves with the ids it did not show by the deadline.
 */
export async function awaitInCatalog(
  portal: PortalClient,
  descriptors: LoadedDescriptor[],
  { timeoutMs = 60_000, intervalMs = 500 }: AwaitOptions = {},
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let waiting = descriptors;
  for (;;) {
    const shown = await Promise.all(
      waiting.map(async d =>
        showsVersion(await portal.catalogProduct(d.id), d),
      ),
    );
    waiting = waiting.filter((_, i) => !shown[i]);
    if (waiting.length === 0 || Date.now() >= deadline) {
      return waiting.map(d => d.id);
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
