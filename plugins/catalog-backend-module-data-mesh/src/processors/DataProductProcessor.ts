import {
  ANNOTATION_LOCATION,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ENTITY_STATUS_CATALOG_PROCESSING_TYPE } from '@backstage/catalog-client';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  checkDescriptorGovernance,
  DataProductEntity,
  formatValidationErrors,
  formatViolations,
  GovernanceRules,
  inputRefsOf,
  isDataProductEntity,
  REGISTRY_LOCATION_TYPE,
  validateDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';

/**
 * Resolves with the refs, of those given, that are not in the catalog.
 *
 * @public
 */
export type MissingEntities = (refs: string[]) => Promise<string[]>;

/**
 * Which published products (read from a registry topic) have a topic as
 * their output: the catalog module's ProductIndex.
 *
 * @public
 */
export interface PublishedTopics {
  productsOnTopic(cluster: string, topic: string): string[];
}

/** A processing-error status item, as the catalog writes for failed processing. */
function processingError(name: string, message: string) {
  return {
    type: ENTITY_STATUS_CATALOG_PROCESSING_TYPE,
    level: 'error' as const,
    message: `${name}: ${message}`,
    error: { name, message },
  };
}

/**
 * Teaches the catalog the DataProduct kind, from any source (the registry
 * topic or a hand-written catalog-info.yaml): validates it against the
 * kind's JSON schema and emits its ownership, domain/system and lineage
 * relations. A stable CatalogProcessor rather than the alpha catalog model
 * layer: the model layer still needs a processor for relations, and this
 * keeps the module on stable APIs.
 *
 * Missing inputs and broken governance rules are flagged on the entity
 * rather than emitted as errors: an emitted error would hold the whole
 * product back (a new one would never appear), while a processing-error
 * status item shows on the entity page as failed processing does.
 *
 * One topic, one product: a hand-written DataProduct whose output is the
 * topic of a product published through a registry topic fails processing.
 * Here the error is thrown on purpose: two products claiming one stream
 * would give its consumers two contracts, and the published one is the
 * contract its owner keeps. A new hand-written claimant never enters the
 * catalog; one already there keeps its last processed form, with the error.
 *
 * @public
 */
export class DataProductProcessor implements CatalogProcessor {
  constructor(
    private readonly missingEntities: MissingEntities,
    private readonly governance: GovernanceRules,
    /** Without it (no provider in this backend) no claim is checked. */
    private readonly publishedTopics?: PublishedTopics,
  ) {}

  getProcessorName(): string {
    return 'DataProductProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isDataProductEntity(entity)) return false;
    const result = validateDataProductEntity(entity);
    if (!result.valid) {
      throw new InputError(
        `Invalid DataProduct ${entity.metadata.name}: ${formatValidationErrors(
          result.errors,
        ).replace(/\n/g, '; ')}`,
      );
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isDataProductEntity(entity)) return entity;
    this.checkTopicNotPublished(entity);
    const self = getCompoundEntityRef(entity);
    const namespace = self.namespace;
    const link = (
      target: string,
      defaultKind: string,
      outgoing: string,
      incoming: string,
    ) => {
      const ref = parseEntityRef(target, {
        defaultKind,
        defaultNamespace: namespace,
      });
      emit(
        processingResult.relation({
          source: self,
          type: outgoing,
          target: ref,
        }),
      );
      emit(
        processingResult.relation({
          source: ref,
          type: incoming,
          target: self,
        }),
      );
    };

    const { spec } = entity;
    link(spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
    link(spec.domain, 'Domain', RELATION_PART_OF, RELATION_HAS_PART);
    if (spec.system) {
      link(spec.system, 'System', RELATION_PART_OF, RELATION_HAS_PART);
    }
    const inputs = inputRefsOf(entity);
    for (const input of inputs) {
      link(input, 'DataProduct', RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF);
    }
    // Lineage to nowhere is a broken promise, not a detail: say so.
    const missing = await this.missingEntities(inputs);
    const problems = [
      ...missing.map(ref =>
        processingError(
          'InputError',
          `spec.inputs: ${ref} does not exist in the catalog`,
        ),
      ),
      ...checkDescriptorGovernance(entity, this.governance).map(violation =>
        processingError('GovernanceViolation', formatViolations([violation])),
      ),
    ];
    if (problems.length === 0) return entity;
    const withStatus: AlphaEntity = entity;
    const flagged: AlphaEntity = {
      ...withStatus,
      status: {
        ...withStatus.status,
        items: [...(withStatus.status?.items ?? []), ...problems],
      },
    };
    return flagged;
  }

  /** Throws when a hand-written product claims a published product's topic. */
  private checkTopicNotPublished(entity: DataProductEntity): void {
    if (!this.publishedTopics) return;
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
    // The provider already keeps one product per topic among published ones.
    if (location.startsWith(`${REGISTRY_LOCATION_TYPE}:`)) return;
    const self = stringifyEntityRef(entity);
    const { cluster, topic } = entity.spec.output;
    const owners = this.publishedTopics
      .productsOnTopic(cluster, topic)
      // The same ref from two sources is the catalog's own conflict.
      .filter(ref => ref !== self);
    if (owners.length === 0) return;
    throw new InputError(
      `spec.output: topic '${topic}' on cluster '${cluster}' is the output of ${owners.join(
        ', ',
      )}, published through the registry topic; one topic, one product: ` +
        `a hand-written DataProduct cannot claim it (give it its own topic, or remove it and keep the published product)`,
    );
  }
}
