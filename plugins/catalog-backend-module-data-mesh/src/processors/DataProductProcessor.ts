import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
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
  formatValidationErrors,
  formatViolations,
  GovernanceRules,
  inputRefsOf,
  isDataProductEntity,
  validateDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';

/** Resolves with the refs, of those given, that are not in the catalog. */
export type MissingEntities = (refs: string[]) => Promise<string[]>;

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
 */
export class DataProductProcessor implements CatalogProcessor {
  constructor(
    private readonly missingEntities: MissingEntities,
    private readonly governance: GovernanceRules,
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
}
