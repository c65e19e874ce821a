import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { DataProductWriter } from '@kafka-mesh/plugin-data-mesh-node';
import { untilAvailable } from '../lib/untilAvailable';
import { examples } from './productPublish.examples';

const POLL_INTERVAL_MS = 1000;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * `dataMesh:product:publish`: checks the initiator's permission and the
 * publish barrier again (things may have changed since the template
 * validated) and produces the descriptor to the registry topic, which makes
 * the stream a data product in the catalog within seconds.
 */
export function createProductPublishAction(options: {
  writer: DataProductWriter;
  catalog: CatalogService;
  /** How long to wait for the product to appear in the catalog. */
  catalogWaitMs: number;
}) {
  const { writer, catalog, catalogWaitMs } = options;
  return createTemplateAction({
    id: 'dataMesh:product:publish',
    description:
      'Publishes a data product: checks that the initiator owns it (or is a data mesh admin) and the publish barrier again (owner, description, SLA and on-call, a registered schema, inputs and their SLAs, governance), then produces the descriptor to the registry topic. Optionally waits until the catalog shows the product.',
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
        acknowledgeSlaAboveInputs: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Publish even where the SLA is better than the inputs allow',
            ),
        waitForCatalog: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait until the catalog shows the product, so that links to it work (default true)',
            ),
      },
      output: {
        entityRef: z => z.string(),
        entityPath: z =>
          z
            .string()
            .describe('The product page, /catalog/<ns>/dataproduct/<name>'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      // Publishing again is harmless, so an outage is waited out: a task
      // that created the topic and schema does not stop short of the product.
      const { entityRef, entityPath, updated } = await untilAvailable(
        () =>
          writer.publish(
            {
              descriptor: ctx.input.descriptor,
              acknowledgeSlaAboveInputs: ctx.input.acknowledgeSlaAboveInputs,
            },
            { credentials, dryRun: ctx.isDryRun },
          ),
        {
          signal: ctx.signal,
          onRetry: error => ctx.logger.warn(`${error.message}; trying again`),
        },
      );
      ctx.output('entityRef', entityRef);
      ctx.output('entityPath', entityPath);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would publish ${entityRef}`);
        return;
      }
      ctx.logger.info(
        `Published ${
          updated ? 'a new version of ' : ''
        }${entityRef} to the registry topic '${
          writer.clients.mesh.registryTopic
        }'`,
      );

      if (ctx.input.waitForCatalog === false) return;
      const deadline = Date.now() + catalogWaitMs;
      while (!ctx.signal?.aborted) {
        if (await catalog.getEntityByRef(entityRef, { credentials })) {
          ctx.logger.info(`${entityRef} is in the catalog`);
          return;
        }
        if (Date.now() >= deadline) break;
        await sleep(POLL_INTERVAL_MS, ctx.signal);
      }
      ctx.logger.warn(
        `${entityRef} is published but not in the catalog after ${Math.round(
          catalogWaitMs / 1000,
        )} s; the catalog module may be stopped or behind. Its page will work once it catches up`,
      );
    },
  });
}
