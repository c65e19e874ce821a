import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import {
  SLA_TIERS,
  SUPPORT_HOURS,
  toDataProductRef,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { DataProductWriter } from '@kafka-mesh/plugin-data-mesh-node';
import { barrierProblems } from '../lib/barrierProblems';
import { redact } from '../lib/upstream';
import { examples } from './validateDataProduct.examples';
import { withUpstreamErrors } from './upstreamErrors';

/** The ref a descriptor names, when it names one. */
function refOf(descriptor: Record<string, unknown>): string | undefined {
  const metadata = descriptor.metadata as Record<string, unknown> | undefined;
  if (typeof metadata?.name !== 'string') return undefined;
  try {
    return toDataProductRef(
      metadata.name,
      typeof metadata.namespace === 'string'
        ? metadata.namespace
        : DEFAULT_NAMESPACE,
    );
  } catch {
    return undefined;
  }
}

/**
 * `data-mesh:validate-data-product`: everything `PUT /products/…?dryRun=true`
 * checks, with the caller's credentials: the descriptor's shape, the
 * caller's permission to publish it, the rule that a topic belongs to one
 * product, and the whole publish barrier (owner, description, SLA and
 * on-call, inputs and their SLAs, governance, the registered schema, the
 * topic). Writes nothing. A descriptor that could not be published is
 * answered with its problems; a caller who may not publish it is refused
 * (NotAllowedError), as the REST route refuses with 403.
 */
export function createValidateDataProductAction(options: {
  actionsRegistry: ActionsRegistryService;
  writer: DataProductWriter;
  secrets: readonly string[];
}) {
  const { actionsRegistry, writer, secrets } = options;
  actionsRegistry.register({
    name: 'validate-data-product',
    title: 'Validate a data product descriptor',
    description:
      "Checks whether a DataProduct descriptor (apiVersion kafka-mesh.io/v1alpha1, kind DataProduct) could be published by the caller, without publishing anything: its shape, the caller's permission to publish it (owners of spec.owner and data mesh admins may), that its topic is not another product's, and the whole publish barrier (the owner exists, a description, SLA and on-call, inputs exist and their SLAs allow the declared one, the governance rules, a schema registered under <topic>-value in the format declared, the topic exists). Answers valid: true with the effective SLA, or valid: false with every problem at once. Fails with NotAllowedError when the caller may not publish the product.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples,
    schema: {
      input: z =>
        z.object({
          descriptor: z
            .record(z.any())
            .describe(
              'The DataProduct entity: apiVersion, kind, metadata (name, title, description, tags) and spec (owner, domain, lifecycle, output {cluster, topic, format}, sla {tier, availability, freshness, supportHours, onCall}, inputs, quality, classification, piiFields)',
            ),
          acknowledgeSlaAboveInputs: z
            .boolean()
            .optional()
            .describe(
              'Accept a declared SLA better than the inputs allow (then reported in slaWarnings rather than as a problem)',
            ),
        }),
      output: z =>
        z.object({
          valid: z.boolean().describe('Whether the caller could publish it'),
          entityRef: z.string().optional(),
          problems: z
            .array(z.string())
            .describe('Why it could not be published; empty when valid'),
          updated: z
            .boolean()
            .optional()
            .describe(
              'When valid: whether publishing would update a product already in the catalog',
            ),
          effectiveSla: z
            .object({
              tier: z.enum(SLA_TIERS),
              availability: z.number(),
              freshness: z.string(),
              supportHours: z.enum(SUPPORT_HOURS),
            })
            .optional()
            .describe(
              'When valid: the weakest promise over the product and its inputs',
            ),
          slaWarnings: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) =>
      withUpstreamErrors(secrets, async () => {
        try {
          const result = await writer.publish(
            {
              descriptor: input.descriptor,
              acknowledgeSlaAboveInputs: input.acknowledgeSlaAboveInputs,
            },
            { credentials, dryRun: true },
          );
          return {
            output: {
              valid: true,
              entityRef: result.entityRef,
              problems: [],
              updated: result.updated,
              effectiveSla: result.effectiveSla,
              slaWarnings: result.slaWarnings,
            },
          };
        } catch (error) {
          // What makes the descriptor unpublishable is the answer; a
          // refusal of the caller (NotAllowedError) and failures of Kafka
          // or the registry are errors, as in the REST route.
          if (
            !(error instanceof InputError || error instanceof ConflictError)
          ) {
            throw error;
          }
          const entityRef = refOf(input.descriptor);
          return {
            output: {
              valid: false,
              ...(entityRef && { entityRef }),
              problems: barrierProblems(redact(error.message, secrets)),
              slaWarnings: [],
            },
          };
        }
      }),
  });
}
