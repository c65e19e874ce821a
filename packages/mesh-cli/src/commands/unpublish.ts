import { connectPortal } from '../lib/connectPortal';
import { checkProductId } from './productId';
import type { Output, WriteOptions } from './types';

/**
 * `mesh unpublish <namespace/name>`: the backend checks that the caller
 * owns the product (or is an admin) and that no consumer group still reads
 * it, then tombstones it in the registry topic.
 */
export async function unpublish(
  productId: string,
  options: WriteOptions,
  out: Output,
): Promise<void> {
  const id = checkProductId(productId);
  const portal = await connectPortal(options);
  await portal.unpublish(id, { dryRun: options.dryRun });
  out(
    options.dryRun
      ? `checked ${id}: it may be unpublished (dry run, nothing changed)`
      : `unpublished ${id}`,
  );
}
