import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CONSUMER_GROUPS,
  DataProductEntity,
  inputRefsOf,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import { ConsumerGroupIndex, groupKey } from '../lib/ConsumerGroupIndex';
import { consumedProducts } from '../lib/consumedProducts';
import {
  compareProcessorLineage,
  describeLineageDrift,
} from '../lib/processorLineage';
import { ProductIndex } from '../lib/ProductIndex';
import { consumerGroupRefreshKey } from '../providers/ConsumerGroupsProvider';

/**
 * The status item type of observed against declared lineage drift.
 *
 * @public
 */
export const LINEAGE_DRIFT_STATUS_TYPE = 'kafka-mesh.io/lineage-drift';

/**
 * Links a component annotated with `kafka.apache.org/consumer-groups` (the
 * Backstage Kafka plugin's convention, `<cluster>/<group>, …`) to every data
 * product whose topic one of its groups has committed offsets on: the edge
 * is what the group really reads, not what someone declared.
 *
 * A data product naming its processor's consumer groups
 * (`spec.processor.consumerGroups`, on its output cluster) is linked the same
 * way to every product those groups read: the processor is a consumer of its
 * inputs, attributed to the product it produces. What the groups read is
 * also compared with the declared `spec.inputs`, written to
 * `spec.observed.lineage` and flagged as `lineage-drift` status warnings.
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
    if (isDataProductEntity(entity)) {
      return this.processProduct(entity, emit);
    }
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
      this.linkConsumed(self, cluster, group, emit);
    }
    return entity;
  }

  /** `self` dependsOn every product the group reads, and back. */
  private linkConsumed(
    self: CompoundEntityRef,
    cluster: string,
    group: string,
    emit: CatalogProcessorEmit,
  ): void {
    const selfRef = stringifyEntityRef(self);
    for (const ref of consumedProducts(
      this.groups,
      this.products,
      cluster,
      group,
    )) {
      // A processor reading its own output is no lineage.
      if (ref === selfRef) continue;
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

  private processProduct(
    entity: DataProductEntity,
    emit: CatalogProcessorEmit,
  ): Entity {
    const groupNames = entity.spec.processor?.consumerGroups ?? [];
    if (groupNames.length === 0) return entity;
    const self = getCompoundEntityRef(entity);
    const { cluster } = entity.spec.output;
    for (const group of groupNames) {
      emit(
        processingResult.refresh(
          consumerGroupRefreshKey(groupKey(cluster, group)),
        ),
      );
      this.linkConsumed(self, cluster, group, emit);
    }
    const lineage = compareProcessorLineage({
      cluster,
      groups: groupNames.map(group => ({
        group,
        topics: this.groups.topicsOf(cluster, group),
      })),
      inputs: inputRefsOf(entity).map(input => {
        const output = this.products.get(input)?.spec.output;
        return {
          input,
          ...(output && {
            output: { cluster: output.cluster, topic: output.topic },
          }),
        };
      }),
      productsOnTopic: topic =>
        this.products
          .productsOnTopic(cluster, topic)
          .filter(ref => ref !== stringifyEntityRef(self)),
    });
    const drift = describeLineageDrift(lineage);
    const withStatus: AlphaEntity = entity;
    const result: AlphaEntity = {
      ...withStatus,
      // Only published products have observed facts (from the provider);
      // a hand-written one gets the status warnings alone.
      ...(entity.spec.observed && {
        spec: {
          ...entity.spec,
          observed: { ...entity.spec.observed, lineage },
        },
      }),
    };
    if (drift.length === 0) return result;
    const flagged: AlphaEntity = {
      ...result,
      status: {
        ...withStatus.status,
        items: [
          ...(withStatus.status?.items ?? []),
          ...drift.map(message => ({
            type: LINEAGE_DRIFT_STATUS_TYPE,
            level: 'warning' as const,
            message,
          })),
        ],
      },
    };
    return flagged;
  }
}
