import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { DataProductWriter } from '@kafka-mesh/plugin-data-mesh-node';
import { examples } from './productUnpublish.examples';

/**
 * `dataMesh:product:unpublish`: removes a product from the catalog with a
 * tombstone in the registry topic. Only its owners (or a data mesh admin)
 * may; refused while consumer groups still read its topic, unless the
 * initiator is a data mesh admin. The topic and its data are kept:
 * unpublishing takes back the promise, not the data.
 */
export function createProductUnpublishAction(options: {
  writer: DataProductWriter;
}) {
  const { writer } = options;
  return createTemplateAction({
    id: 'dataMesh:product:unpublish',
    description:
      'Unpublishes a data product (a tombstone in the registry topic; the topic is kept). Needs datamesh.product.unpublish on the product (its owners, or a data mesh admin); refused while consumer groups read the topic, unless the initiator holds datamesh.product.unpublish.admin.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe('The product, e.g. dataproduct:default/orders-placed'),
      },
      output: {
        entityRef: z => z.string(),
      },
    },
    async handler(ctx) {
      const { entityRef, readers } = await writer.unpublish(
        { entityRef: ctx.input.entityRef },
        {
          credentials: await ctx.getInitiatorCredentials(),
          dryRun: ctx.isDryRun,
        },
      );
      if (readers.length > 0) {
        ctx.logger.warn(
          `Unpublishing ${entityRef} as a data mesh admin although these groups still read its topic: ${readers
            .map(r => `${r.groupId} (${r.evidence})`)
            .join('; ')}`,
        );
      }
      ctx.output('entityRef', entityRef);
      ctx.logger.info(
        ctx.isDryRun
          ? `Dry run: would unpublish ${entityRef}`
          : `Unpublished ${entityRef}; its topic and data are kept`,
      );
    },
  });
}
