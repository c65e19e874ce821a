import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { CatalogReader, findDataProduct } from '../lib/catalogLookups';
import { ownersOfConsumers } from '../lib/consumersOf';
import type { DataMeshClients } from '../lib/DataMeshClients';
import {
  assertPublishedThroughRegistry,
  checkedDescriptor,
  descriptorOf,
  publishToRegistry,
} from '../lib/descriptors';
import { examples } from './productDeprecate.examples';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The sunset day, refused when malformed, impossible or already past. */
function checkSunset(sunset: string, today: string): string[] {
  if (!DATE.test(sunset) || Number.isNaN(Date.parse(`${sunset}T00:00:00Z`))) {
    return [`sunset '${sunset}' is not a date (YYYY-MM-DD)`];
  }
  // Date.parse rolls 2027-02-30 over to March; a round trip catches it.
  if (new Date(`${sunset}T00:00:00Z`).toISOString().slice(0, 10) !== sunset) {
    return [`sunset '${sunset}' is not a day of the calendar`];
  }
  if (sunset < today) {
    return [`sunset ${sunset} is in the past; consumers need time to move`];
  }
  return [];
}

/** The product's descriptor with the deprecation added. */
function deprecated(
  entity: DataProductEntity,
  deprecation: DataProductEntity['spec']['deprecation'],
): DataProductEntity {
  const descriptor = descriptorOf(entity);
  return checkedDescriptor({
    ...descriptor,
    spec: {
      ...descriptor.spec,
      status: 'deprecated',
      lifecycle: 'deprecated',
      deprecation,
    },
  });
}

/**
 * `dataMesh:product:deprecate`: marks a published product deprecated with
 * a sunset date, republishes its descriptor and notifies the owners of
 * everything that reads it.
 */
export function createProductDeprecateAction(options: {
  clients: DataMeshClients;
  catalog: CatalogService;
  notifications: NotificationService;
  now?: () => Date;
}) {
  const { clients, catalog, notifications, now = () => new Date() } = options;
  return createTemplateAction({
    id: 'dataMesh:product:deprecate',
    description:
      'Deprecates a published data product: sets its status and lifecycle to deprecated with a sunset date, reason and replacement, republishes its descriptor and notifies the owners of the components and products that consume it.',
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
      const { sunset, replacement } = ctx.input;
      const reason = ctx.input.reason?.trim() ?? '';
      const reader: CatalogReader = {
        catalog,
        credentials: await ctx.getInitiatorCredentials(),
      };
      const { entity, ref } = await findDataProduct(
        reader,
        ctx.input.entityRef,
      );
      assertPublishedThroughRegistry(entity);

      const problems = checkSunset(sunset, now().toISOString().slice(0, 10));
      if (!reason) problems.push('reason: say why, for the consumers');
      let replacementRef: string | undefined;
      if (replacement) {
        try {
          replacementRef = (await findDataProduct(reader, replacement)).ref;
          if (replacementRef === ref) {
            problems.push('replacement: a product cannot replace itself');
          }
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          problems.push(`replacement: ${error.message}`);
        }
      }
      if (problems.length > 0) {
        throw new InputError(
          `${ref} cannot be deprecated:\n${problems
            .map(p => `  - ${p}`)
            .join('\n')}`,
        );
      }

      const descriptor = deprecated(entity, {
        sunset,
        reason,
        ...(replacementRef && { replacement: replacementRef }),
      });
      const { consumers, owners } = await ownersOfConsumers(reader, entity);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would deprecate ${ref} and notify ${
            owners.join(', ') || 'nobody'
          }`,
        );
        ctx.output('notified', []);
        return;
      }

      await publishToRegistry(clients, descriptor);
      ctx.logger.info(`${ref} is deprecated, sunset ${sunset}`);

      if (owners.length > 0) {
        const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
        await notifications.send({
          recipients: { type: 'entity', entityRef: owners },
          payload: {
            title: `${
              entity.metadata.title ?? entity.metadata.name
            } is deprecated`,
            description: `The data product ${ref}, read by ${consumers.join(
              ', ',
            )}, will be served until ${sunset}. ${reason}${
              replacementRef ? ` Move to ${replacementRef}.` : ''
            }`,
            link: `/catalog/${namespace}/dataproduct/${entity.metadata.name}`,
            severity: 'high',
            topic: 'data-product-deprecated',
            scope: ref,
          },
        });
        ctx.logger.info(`Notified ${owners.join(', ')}`);
      }
      ctx.output('notified', owners);
    },
  });
}
