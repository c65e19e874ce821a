import useAsync from 'react-use/esm/useAsync';
import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_KAFKA_PRINCIPAL,
  KAFKA_PRINCIPAL_RESOURCE_TYPE,
} from '@kafka-mesh/plugin-data-mesh-common';

/** A Kafka principal the signed-in user's teams own. */
export type KafkaPrincipalOption = {
  /** Entity ref of the kafka-principal Resource. */
  ref: string;
  /** `metadata.name`, the default consumer-group prefix's stem. */
  name: string;
  /** `metadata.title`, else the name. */
  title: string;
  /** As the broker knows it, e.g. `User:orders-app`. */
  principal: string;
};

function optionOf(entity: Entity): KafkaPrincipalOption {
  const name = entity.metadata.name;
  return {
    ref: stringifyEntityRef(entity),
    name,
    title: entity.metadata.title ?? name,
    principal:
      entity.metadata.annotations?.[ANNOTATION_KAFKA_PRINCIPAL] ??
      `User:${name}`,
  };
}

/**
 * The kafka-principal Resources owned by the signed-in user or their teams
 * (the identity's ownership refs), sorted by title.
 */
export function useKafkaPrincipals() {
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  return useAsync(async (): Promise<KafkaPrincipalOption[]> => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    if (ownershipEntityRefs.length === 0) return [];
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'Resource',
        'spec.type': KAFKA_PRINCIPAL_RESOURCE_TYPE,
        [`relations.${RELATION_OWNED_BY}`]: ownershipEntityRefs,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
      ],
    });
    return items.map(optionOf).sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi, identityApi]);
}
