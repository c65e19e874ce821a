import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DATA_PRODUCT_KIND,
  DataProductEntity,
  isDataProductEntity,
  MAX_SCHEMA_TEXT_LENGTH,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  assessSchemaImpact,
  DataProductWriter,
  findDataProduct,
  formatSchemaImpact,
  readersOfTopic,
  readNewestRecords,
  SCHEMA_TYPE_OF_FORMAT,
  SchemaSyntaxError,
} from '@kafka-mesh/plugin-data-mesh-node';
import { examples } from './schemaImpact.examples';

export const DEFAULT_IMPACT_RECORDS = 100;
const MAX_IMPACT_RECORDS = 10_000;

/** Products per catalog page, and what the downstream walk reads of each. */
const PAGE_SIZE = 500;
const DOWNSTREAM_FIELDS = [
  'kind',
  'apiVersion',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
  'spec.inputs',
];

/**
 * The products that could be downstream of another, as the caller sees
 * them: only those with inputs, a page at a time with only the fields the
 * walk reads, so that the step stays light in a catalog of thousands.
 */
async function productsWithInputs(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<DataProductEntity[]> {
  const products: DataProductEntity[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, fields: DOWNSTREAM_FIELDS }
        : {
            filter: {
              kind: DATA_PRODUCT_KIND,
              'spec.inputs': CATALOG_FILTER_EXISTS,
            },
            limit: PAGE_SIZE,
            fields: DOWNSTREAM_FIELDS,
          },
      { credentials },
    );
    products.push(...page.items.filter(isDataProductEntity));
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return products;
}

/**
 * `dataMesh:schema:impact`: who and what a new schema version of a product
 * affects (the check `mesh impact` runs, from the same code): the
 * registry's verdict, the downstream products and consumer groups, whether
 * the newest records can be read with it and which quality rules they would
 * newly fail. Logs the report; fails on breakage unless `allowBreaking`.
 */
export function createSchemaImpactAction(options: {
  catalog: CatalogService;
  writer: DataProductWriter;
}) {
  const { catalog, writer } = options;
  const { clients } = writer;
  return createTemplateAction({
    id: 'dataMesh:schema:impact',
    description:
      "Checks a new schema version of a data product before it is registered: whether the registry accepts it under the subject's compatibility (each incompatibility in words), the downstream products (transitively, with owners) and consumer groups it affects, whether it can read the newest records of the topic, and which quality rules those records would newly fail. Logs the report and fails on breakage unless allowBreaking is set.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe('The product, e.g. dataproduct:default/orders-placed'),
        schema: z =>
          z
            .string()
            .min(1)
            .max(MAX_SCHEMA_TEXT_LENGTH)
            .describe("The new schema text, in the product's format"),
        records: z =>
          z
            .number()
            .int()
            .min(1)
            .max(MAX_IMPACT_RECORDS)
            .optional()
            .describe(
              `How many of the newest records to read with it (default ${DEFAULT_IMPACT_RECORDS})`,
            ),
        allowBreaking: z =>
          z
            .boolean()
            .optional()
            .describe('Report a breaking schema without failing the step'),
      },
      output: {
        breaking: z => z.boolean(),
        compatible: z => z.boolean(),
        unreadableRecords: z => z.number(),
        downstreamProducts: z =>
          z.array(z.string()).describe('Entity refs, nearest first'),
        report: z => z.string().describe('The report as text'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const { entity } = await findDataProduct(
        { catalog, credentials },
        ctx.input.entityRef,
      );
      // The check prepares a change and replays the product's records:
      // its owners' (and admins') business, like the change itself.
      await writer.assertMayChange(
        entity,
        credentials,
        'check a new schema of',
      );
      const limit = ctx.input.records ?? DEFAULT_IMPACT_RECORDS;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_IMPACT_RECORDS) {
        throw new InputError(
          `records must be a whole number from 1 to ${MAX_IMPACT_RECORDS}`,
        );
      }
      const products = await productsWithInputs(catalog, credentials);
      const clusterName = entity.spec.output.cluster;
      clients.cluster(clusterName); // a configured cluster, or an InputError
      const cluster = clients.kafka.cluster(clusterName);
      const [records, readers] = await Promise.all([
        readNewestRecords(cluster, entity.spec.output.topic, limit),
        readersOfTopic(cluster, entity.spec.output.topic),
      ]);
      let report;
      try {
        report = await assessSchemaImpact({
          product: entity,
          products,
          newSchema: {
            schema: ctx.input.schema,
            schemaType: SCHEMA_TYPE_OF_FORMAT[entity.spec.output.format],
          },
          registry: {
            compatibility: subject => clients.registry.compatibility(subject),
            testCompatibility: (subject, schema) =>
              clients.registry.testCompatibility(subject, schema),
            schemaById: id => clients.registry.schemaById(id),
          },
          records,
          consumers: readers.map(r => ({ groupId: r.groupId })),
          now: Date.now(),
        });
      } catch (error) {
        if (error instanceof SchemaSyntaxError) {
          throw new InputError(
            `The new schema does not parse: ${error.message}`,
          );
        }
        throw error;
      }
      const text = formatSchemaImpact(report).join('\n');
      ctx.logger.info(text);
      ctx.output('breaking', report.breaking);
      ctx.output('compatible', report.compatibility.compatible);
      ctx.output('unreadableRecords', report.records.unreadable);
      ctx.output(
        'downstreamProducts',
        report.downstream.map(d => d.ref),
      );
      ctx.output('report', text);
      if (report.breaking && !ctx.input.allowBreaking) {
        const why = [
          !report.compatibility.compatible &&
            `the registry rejects it (${report.compatibility.reasons.join(
              '; ',
            )})`,
          report.records.unreadable > 0 &&
            `${report.records.unreadable} of the ${report.records.checked} newest records cannot be read with it`,
          report.newlyFailingRules.some(r => r.severity === 'error') &&
            `quality rules would newly fail: ${report.newlyFailingRules
              .map(r => r.rule)
              .join(', ')}`,
        ].filter(Boolean);
        throw new InputError(
          `The new schema for ${report.product} breaks: ${why.join(
            '; ',
          )}. Set allowBreaking to go on anyway (e.g. for a new major version).`,
        );
      }
    },
  });
}
