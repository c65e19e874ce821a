import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_PRODUCT_KIND,
  DataProductEntity,
  isDataProductEntity,
  REGISTRY_LOCATION_TYPE,
  schemaSubjectOf,
} from '@kafka-mesh/plugin-data-mesh-common';

/**
 * Whether the entity came from a registry topic, i.e. was published.
 *
 * @public
 */
export function isPublishedProduct(entity: Entity): boolean {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
  return location.startsWith(`${REGISTRY_LOCATION_TYPE}:`);
}

/**
 * The published product whose output port is `topic` on `cluster`, if any:
 * a topic belongs to at most one product. One catalog query on the
 * indexed `spec.output.topic`; read with the caller's credentials of the
 * suite itself, since a caller who cannot see the owner must still be
 * refused.
 *
 * @public
 */
export async function productOwningTopic(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  cluster: string,
  topic: string,
): Promise<DataProductEntity | undefined> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: DATA_PRODUCT_KIND, 'spec.output.topic': topic },
      fields: ['kind', 'apiVersion', 'metadata', 'spec', 'relations'],
    },
    { credentials },
  );
  // The catalog's filter ignores case; Kafka topic names do not.
  return items
    .filter(isDataProductEntity)
    .find(
      e =>
        e.spec.output.cluster === cluster &&
        e.spec.output.topic === topic &&
        isPublishedProduct(e),
    );
}

/**
 * The published product whose schema lives under `subject`, if any: its
 * `spec.output.schemaSubject`, or `<topic>-value` when it names none.
 *
 * @public
 */
export async function productOwningSubject(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  subject: string,
): Promise<DataProductEntity | undefined> {
  const { items } = await catalog.getEntities(
    {
      filter: [
        { kind: DATA_PRODUCT_KIND, 'spec.output.schemaSubject': subject },
        {
          kind: DATA_PRODUCT_KIND,
          'spec.output.topic': subject.replace(/-value$/, ''),
        },
      ],
      fields: ['kind', 'apiVersion', 'metadata', 'spec', 'relations'],
    },
    { credentials },
  );
  return items
    .filter(isDataProductEntity)
    .find(e => schemaSubjectOf(e) === subject && isPublishedProduct(e));
}
