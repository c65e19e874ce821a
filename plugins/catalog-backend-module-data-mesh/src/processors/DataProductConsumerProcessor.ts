import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { ANNOTATION_CONSUMER_GROUPS } from '@kafka-mesh/plugin-data-mesh-common';
import { ConsumerGroupIndex, groupKey } from '../lib/ConsumerGroupIndex';
import { consumedProducts } from '../lib/consumedProducts';
import { ProductIndex } from '../lib/ProductIndex';
import { consumerGroupRefreshKey } from '../providers/ConsumerGroupsProvider';

/**
 * Links a component annotated with `kafka.apache.org/consumer-groups` (the
 * Backstage Kafka plugin's convention, `<cluster>/<group>, …`) to every data
 * product whose topic one of its groups has committed offsets on: the edge
 * is what the group really reads, not what someone declared.
 *
 * @public
 */
export class DataProductConsumerProcessor implements CatalogProcessor {
  constructor(
    private readonly groups: ConsumerGroupIndex,
    private readonly products: ProductIndex,
  ) {}

  getProcessorName(): string {
    return 'DataProductConsumerProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const annotation =
      entity.metadata.annotations?.[ANNOTATION_CONSUMER_GROUPS];
    if (!annotation) return entity;
    const self = getCompoundEntityRef(entity);
    for (const entry of annotation
      .split(',')
      .map(e => e.trim())
      .filter(Boolean)) {
      const slash = entry.indexOf('/');
      if (slash <= 0 || slash === entry.length - 1) {
        emit(
          processingResult.inputError(
            location,
            `${ANNOTATION_CONSUMER_GROUPS}: '${entry}' is not of the form <cluster>/<consumer-group>`,
          ),
        );
        continue;
      }
      const cluster = entry.slice(0, slash);
      const group = entry.slice(slash + 1);
      emit(
        processingResult.refresh(
          consumerGroupRefreshKey(groupKey(cluster, group)),
        ),
      );
      for (const ref of consumedProducts(
        this.groups,
        this.products,
        cluster,
        group,
      )) {
        const product = parseEntityRef(ref);
        emit(
          processingResult.relation({
            source: self,
            type: RELATION_DEPENDS_ON,
            target: product,
          }),
        );
        emit(
          processingResult.relation({
            source: product,
            type: RELATION_DEPENDENCY_OF,
            target: self,
          }),
        );
      }
    }
    return entity;
  }
}
