import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DATA_PRODUCT_KIND,
  dataMeshSyntheticReadPermission,
  schemaSubjectOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  formatOfSchemaType,
  generateSyntheticRecords,
  MAX_SYNTHETIC_RECORDS,
  SchemaRegistryRestClient,
  toJsonSafe,
  findDataProduct,
} from '@kafka-mesh/plugin-data-mesh-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertEntityRef } from '../lib/safeValues';
import { examples } from './syntheticWrite.examples';

/** Records written when the step does not say how many. */
const DEFAULT_COUNT = 20;

/**
 * `dataMesh:synthetic:write`: writes made-up records that follow a data
 * product's latest registered schema into the workspace, as a JSON array,
 * so that a new consumer has test data without touching real (possibly
 * personal) records. Personal fields get realistic fake values.
 */
export function createSyntheticWriteAction(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  registry: SchemaRegistryRestClient;
}) {
  const { catalog, permissions, registry } = options;
  return createTemplateAction({
    id: 'dataMesh:synthetic:write',
    description:
      "Writes synthetic records that follow a data product's latest registered schema into the workspace as a JSON array; personal fields get realistic fake values, and the same seed gives the same records.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe('The product, e.g. dataproduct:default/orders-placed'),
        count: z =>
          z
            .number()
            .int()
            .min(1)
            .max(MAX_SYNTHETIC_RECORDS)
            .optional()
            .describe(`How many records; ${DEFAULT_COUNT} when absent`),
        path: z =>
          z
            .string()
            .min(1)
            .describe(
              'Where to write the file, relative to the workspace, e.g. test-data/orders.json',
            ),
        seed: z =>
          z
            .number()
            .int()
            .optional()
            .describe(
              'Picks another set of records; the same seed, the same records',
            ),
      },
      output: {
        path: z => z.string().describe('The file, relative to the workspace'),
        count: z => z.number().describe('How many records it holds'),
      },
    },
    async handler(ctx) {
      const { count = DEFAULT_COUNT, seed } = ctx.input;
      // Templates name the file after the ref (test/fixtures/<name>.json):
      // only a well-formed product ref goes on, before anything is read.
      const entityRef = assertEntityRef(ctx.input.entityRef, 'entityRef', {
        kinds: [DATA_PRODUCT_KIND],
        defaultKind: DATA_PRODUCT_KIND,
      });
      // Refuses paths that leave the workspace, before anything is read.
      const target = resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
      const credentials = await ctx.getInitiatorCredentials();
      const { entity, ref } = await findDataProduct(
        { catalog, credentials },
        entityRef,
      );
      // The same permission as the backend's synthetic route: seeing the
      // product is not enough to take records shaped like its data.
      const [decision] = await permissions.authorize(
        [{ permission: dataMeshSyntheticReadPermission, resourceRef: ref }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not generate synthetic records of ${ref}`,
        );
      }
      const subject = schemaSubjectOf(entity);
      const latest = await registry.latestVersion(subject);
      if (!latest) {
        throw new InputError(
          `${ref} has no schema: nothing is registered under the subject '${subject}'`,
        );
      }
      const records = generateSyntheticRecords({
        // The registered type decides, as it does for the serializers.
        format: formatOfSchemaType(latest.schemaType),
        schema: latest.schema,
        count,
        seed,
        piiFields: entity.spec.piiFields,
      }).map(toJsonSafe);

      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, `${JSON.stringify(records, null, 2)}\n`);
      const written = path.relative(ctx.workspacePath, target);
      ctx.logger.info(
        `Wrote ${records.length} synthetic records of ${ref} (schema version ${latest.version} of '${subject}') to ${written}`,
      );
      ctx.output('path', written);
      ctx.output('count', records.length);
    },
  });
}
