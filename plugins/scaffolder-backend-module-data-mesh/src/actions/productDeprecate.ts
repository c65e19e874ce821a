import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { DataProductWriter } from '@kafka-mesh/plugin-data-mesh-node';
import { examples } from './productDeprecate.examples';

/**
 * `dataMesh:product:deprecate`: marks a published product deprecated with
 * a sunset date, republishes its descriptor and notifies the owners of
 * everything that reads it. Only its owners (or a data mesh admin) may.
 */
export function createProductDeprecateAction(options: {
  writer: DataProductWriter;
}) {
  const { writer } = options;
  return createTemplateAction({
    id: 'dataMesh:product:deprecate',
    description:
      'Deprecates a published data product (needs datamesh.product.deprecate: its owners, or a data mesh admin): sets its status and lifecycle to deprecated with a sunset date, reason and replacement, republishes its descriptor and notifies the owners of the components and products that consume it.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe('The product, e.g. dataproduct:default/orders-placed'),
        sunset: z =>
          z.string().describe('The last day the product is served, YYYY-MM-DD'),
        reason: z => z.string().min(1).describe('Why, for its consumers'),
        replacement: z =>
          z
            .string()
            .optional()
            .describe('Entity ref of the product to move to'),
      },
      output: {
        notified: z =>
          z
            .array(z.string())
            .describe('Entity refs of the owners who were notified'),
      },
    },
    async handler(ctx) {
      const { entityRef, notified, notificationProblem } =
        await writer.deprecate(
          {
            entityRef: ctx.input.entityRef,
            sunset: ctx.input.sunset,
            reason: ctx.input.reason,
            replacement: ctx.input.replacement,
          },
          {
            credentials: await ctx.getInitiatorCredentials(),
            dryRun: ctx.isDryRun,
          },
        );
      ctx.logger.info(
        ctx.isDryRun
          ? `Dry run: would deprecate ${entityRef} and notify ${
              notified.join(', ') || 'nobody'
            }`
          : `${entityRef} is deprecated, sunset ${ctx.input.sunset}; notified ${
              notified.join(', ') || 'nobody'
            }`,
      );
      if (notificationProblem) {
        // Deprecated all the same; failing the step now would make the
        // owner retry a deprecation that is already published.
        ctx.logger.warn(
          `${entityRef} is deprecated, but ${notificationProblem}; tell them yourself`,
        );
      }
      ctx.output('notified', ctx.isDryRun ? [] : notified);
    },
  });
}
