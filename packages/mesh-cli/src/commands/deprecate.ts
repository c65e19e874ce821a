import { connectPortal } from '../lib/connectPortal';
import type { DeprecateBody } from '../lib/portalClient';
import { checkProductId } from './productId';
import type { Output, WriteOptions } from './types';

/**
 * `mesh deprecate <namespace/name> --sunset <date> --reason <text>`: the
 * backend checks ownership, the date and the replacement, republishes the
 * product as deprecated and notifies the owners of its consumers.
 */
export async function deprecate(
  productId: string,
  request: DeprecateBody,
  options: WriteOptions,
  out: Output,
): Promise<void> {
  const id = checkProductId(productId);
  const portal = await connectPortal(options);
  const { notified } = await portal.deprecate(id, request, {
    dryRun: options.dryRun,
  });
  const { dryRun } = options;
  out(
    `${dryRun ? 'checked' : 'deprecated'} ${id}: served until ${
      request.sunset
    }${dryRun ? ' (dry run, nothing changed)' : ''}`,
  );
  out(
    notified.length > 0
      ? `${
          dryRun ? 'would notify' : 'notified'
        } the owners of its consumers: ${notified.join(', ')}`
      : 'no consumers to notify',
  );
}
