import type { PermissionsService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  dataMeshProductUnpublishAdminPermission,
  productIdOf,
} from '@kafka-mesh/plugin-data-mesh-common';
import { findDataProduct } from '../lib/catalogLookups';
import type { DataMeshClients } from '../lib/DataMeshClients';
import {
  assertPublishedThroughRegistry,
  tombstoneInRegistry,
} from '../lib/descriptors';
import { readersOfTopic } from '../lib/topicReaders';
import { examples } from './productUnpublish.examples';

/**
 * `dataMesh:product:unpublish`: removes a product from the catalog with a
 * tombstone in the registry topic. Refused while consumer groups still read
 * its topic, unless the initiator is a data mesh admin. The topic and its
 * data are kept: unpublishing takes back the promise, not the data.
 */
export function createProductUnpublishAction(options: {
  clients: DataMeshClients;
  catalog: CatalogService;
  permissions: PermissionsService;
}) {
  const { clients, catalog, permissions } = options;
  return createTemplateAction({
    id: 'dataMesh:product:unpublish',
    description:
      'Unpublishes a data product (a tombstone in the registry topic; the topic is kept). Refused while consumer groups read the topic, unless the initiator holds datamesh.product.unpublish.admin.',
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
      const credentials = await ctx.getInitiatorCredentials();
      const { entity, ref } = await findDataProduct(
        { catalog, credentials },
        ctx.input.entityRef,
      );
      assertPublishedThroughRegistry(entity);
      const { cluster, topic } = entity.spec.output;

      const readers = await clients.withAdmin(cluster, admin =>
        readersOfTopic(admin, topic),
      );
      if (readers.length > 0) {
        const [decision] = await permissions.authorize(
          [
            {
              permission: dataMeshProductUnpublishAdminPermission,
              resourceRef: ref,
            },
          ],
          { credentials },
        );
        const named = readers
          .map(r => `${r.groupId} (${r.evidence})`)
          .join('; ');
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new ConflictError(
            `${ref} cannot be unpublished: consumer groups still read its topic '${topic}': ${named}. Ask their owners to move off it (deprecate it first), or have a data mesh admin unpublish it`,
          );
        }
        ctx.logger.warn(
          `Unpublishing ${ref} as a data mesh admin although these groups still read '${topic}': ${named}`,
        );
      }

      ctx.output('entityRef', ref);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would unpublish ${ref}`);
        return;
      }
      await tombstoneInRegistry(clients, cluster, productIdOf(entity));
      ctx.logger.info(
        `Unpublished ${ref}; the topic '${topic}' and its data are kept`,
      );
    },
  });
}
