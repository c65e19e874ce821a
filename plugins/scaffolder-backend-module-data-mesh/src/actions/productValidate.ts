import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  COMPATIBILITY_LEVELS,
  OUTPUT_FORMATS,
  SLA_TIERS,
  SUPPORT_HOURS,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { DataProductWriter } from '@kafka-mesh/plugin-data-mesh-node';
import { examples } from './productValidate.examples';

/**
 * `dataMesh:product:validate`: the whole publish barrier, run as a
 * template's first step so that a product that could not be published is
 * refused before any topic or subject exists. Changes nothing. Includes
 * the initiator's permission to publish the product and the rule that a
 * topic belongs to one product.
 */
export function createProductValidateAction(options: {
  writer: DataProductWriter;
}) {
  const { writer } = options;
  return createTemplateAction({
    id: 'dataMesh:product:validate',
    description:
      "Checks that a data product can be published (the initiator may publish it, its topic is not another product's, owner, description, SLA and on-call, inputs and their SLAs, governance rules, schema syntax and compatibility) before anything is created. Reports every problem at once.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        descriptor: z =>
          z
            .record(z.any())
            .describe(
              'The DataProduct entity (apiVersion kafka-mesh.io/v1alpha1, kind DataProduct)',
            ),
        schema: z =>
          z
            .object({
              format: z.enum(OUTPUT_FORMATS),
              content: z.string().describe('The schema text'),
            })
            .optional()
            .describe(
              'The schema about to be registered; without it, the subject must hold one already',
            ),
        partitions: z =>
          z
            .number()
            .int()
            .optional()
            .describe('Partitions of the topic about to be created'),
        compatibility: z =>
          z
            .enum(COMPATIBILITY_LEVELS)
            .optional()
            .describe('The compatibility level the subject is about to get'),
        acknowledgeSlaAboveInputs: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Accept a declared SLA better than the inputs allow (it is reported as a warning)',
            ),
      },
      output: {
        entityRef: z => z.string(),
        topic: z => z.string(),
        subject: z => z.string().describe('The schema registry subject'),
        effectiveSla: z =>
          z
            .object({
              tier: z.enum(SLA_TIERS),
              availability: z.number(),
              freshness: z.string(),
              supportHours: z.enum(SUPPORT_HOURS),
            })
            .describe('The weakest promise over the product and its inputs'),
        slaWarnings: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const result = await writer.check(
        ctx.input,
        await ctx.getInitiatorCredentials(),
      );
      for (const warning of result.slaWarnings) {
        ctx.logger.warn(`SLA: ${warning}`);
      }
      ctx.logger.info(`${result.entityRef} passes the publish barrier`);
      ctx.output('entityRef', result.entityRef);
      ctx.output('topic', result.topic);
      ctx.output('subject', result.subject);
      ctx.output('effectiveSla', result.effectiveSla);
      ctx.output('slaWarnings', result.slaWarnings);
    },
  });
}
