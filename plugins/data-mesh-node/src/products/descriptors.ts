import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DataProductEntity,
  formatValidationErrors,
  productIdOf,
  validateDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  ensureRegistryTopic,
  publishDescriptor,
  unpublishDescriptor,
} from '../registryTopic/registryTopic';
import type { DataMeshClients } from './DataMeshClients';
import { isPublishedProduct } from './topicOwner';

/**
 * Whether a catalog entity came from a registry topic. Only those can be
 * republished or tombstoned there; a product written in a catalog-info.yaml
 * would otherwise appear twice.
 *
 * @public
 */
export function assertPublishedThroughRegistry(entity: Entity): void {
  if (!isPublishedProduct(entity)) {
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    throw new InputError(
      `The data product ${productIdOf(
        entity,
      )} is not published through a registry topic but comes from ${
        location || 'an unknown location'
      }; change it there`,
    );
  }
}

/**
 * The descriptor an owner would have written, from the product's catalog
 * entity: without what the catalog and the provider add (observed facts,
 * uid, etag, relations, status, location annotations, the default
 * namespace), so that republishing it does not feed catalog state back in.
 *
 * @public
 */
export function descriptorOf(entity: Entity): DataProductEntity {
  const {
    uid: _uid,
    etag: _etag,
    generation: _generation,
    namespace,
    annotations = {},
    ...metadata
  } = entity.metadata as Entity['metadata'] & { generation?: number };
  const {
    [ANNOTATION_LOCATION]: _location,
    [ANNOTATION_ORIGIN_LOCATION]: _origin,
    ...ownAnnotations
  } = annotations;
  const { observed: _observed, ...spec } = (entity.spec ?? {}) as Record<
    string,
    unknown
  >;
  const descriptor = {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: {
      ...metadata,
      ...(namespace && namespace !== DEFAULT_NAMESPACE && { namespace }),
      ...(Object.keys(ownAnnotations).length > 0 && {
        annotations: ownAnnotations,
      }),
    },
    spec,
  };
  return checkedDescriptor(descriptor);
}

/**
 * The descriptor if it is a valid DataProduct; an InputError listing every problem otherwise.
 *
 * @public
 */
export function checkedDescriptor(descriptor: unknown): DataProductEntity {
  const result = validateDataProductEntity(descriptor);
  if (!result.valid) {
    throw new InputError(
      `The descriptor is not a valid DataProduct:\n${formatValidationErrors(
        result.errors,
      )}`,
    );
  }
  return result.entity;
}

/**
 * Produces the descriptor to the registry topic of the product's own
 * cluster (each cluster's provider reads the registry topic there).
 *
 * @public
 */
export async function publishToRegistry(
  clients: DataMeshClients,
  descriptor: DataProductEntity,
): Promise<void> {
  const cluster = descriptor.spec.output.cluster;
  const topic = clients.mesh.registryTopic;
  await clients.withAdmin(cluster, admin => ensureRegistryTopic(admin, topic));
  await clients.withProducer(cluster, producer =>
    publishDescriptor(producer, topic, descriptor),
  );
}

/**
 * Produces a tombstone for the product id: the catalog drops the product.
 *
 * @public
 */
export async function tombstoneInRegistry(
  clients: DataMeshClients,
  cluster: string,
  productId: string,
): Promise<void> {
  await clients.withProducer(cluster, producer =>
    unpublishDescriptor(producer, clients.mesh.registryTopic, productId),
  );
}
