import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  checkCompatibility,
  checkDescriptorGovernance,
  checkPartitions,
  checkSchemaFormat,
  CompatibilityLevel,
  computeEffectiveSla,
  DataProductEntity,
  EffectiveSla,
  EffectiveSlaResult,
  formatValidationErrors,
  formatViolations,
  GovernanceViolation,
  inputRefsOf,
  isDataProductEntity,
  OutputFormat,
  schemaSubjectOf,
  toDataProductRef,
  validateDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import { SCHEMA_TYPE_OF_FORMAT } from '../schema/schemaTypes';
import { CatalogReader, loadUpstream } from './catalogLookups';
import type { DataMeshClients } from './DataMeshClients';
import {
  incompatibilities,
  parseOrExplain,
  readSubject,
  SubjectState,
} from './schemaChecks';

/** @public */
export interface BarrierRequest {
  /** The DataProduct entity to publish. */
  descriptor: unknown;
  /** A schema about to be registered; without it one must be registered already. */
  schema?: { format: OutputFormat; content: string };
  /** Partitions of a topic about to be created. */
  partitions?: number;
  /** The compatibility level the subject is about to get. */
  compatibility?: CompatibilityLevel;
  /** Publish even where the declared SLA is better than the inputs allow. */
  acknowledgeSlaAboveInputs?: boolean;
}

/** @public */
export interface BarrierResult {
  entity: DataProductEntity;
  entityRef: string;
  topic: string;
  subject: string;
  effectiveSla: EffectiveSla;
  slaWarnings: string[];
}

const OWNER_KINDS = ['group', 'user'];

function ownerRefOf(entity: DataProductEntity): string {
  return stringifyEntityRef(
    parseEntityRef(entity.spec.owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    }),
  );
}

/** The owner, the inputs and the SLA they allow, from the catalog. */
async function catalogProblems(
  reader: CatalogReader,
  entity: DataProductEntity,
  acknowledged: boolean,
): Promise<{ problems: string[]; sla: EffectiveSlaResult }> {
  const ownerRef = ownerRefOf(entity);
  const selfRef = stringifyEntityRef(entity);
  const read = await loadUpstream(reader, entity, [ownerRef]);
  const problems: string[] = [];

  if (!OWNER_KINDS.includes(parseEntityRef(ownerRef).kind)) {
    problems.push(
      `spec.owner: ${ownerRef} is not a group or a user; a data product needs a team to answer for it`,
    );
  } else if (!read.has(ownerRef)) {
    problems.push(`spec.owner: ${ownerRef} does not exist in the catalog`);
  }
  for (const input of inputRefsOf(entity)) {
    if (input === selfRef) continue; // reported by the validator
    const found = read.get(input);
    if (!found || !isDataProductEntity(found)) {
      problems.push(
        `spec.inputs: ${input} is not a data product in the catalog`,
      );
    }
  }

  // The product being published stands in for its catalog entity, if any.
  const sla = computeEffectiveSla(selfRef, ref => {
    if (ref === selfRef) return entity;
    const found = read.get(ref);
    return found && isDataProductEntity(found) ? found : undefined;
  });
  if (sla.cycles.length > 0) {
    problems.push(
      ...sla.cycles.map(
        cycle =>
          `spec.inputs: these products read each other: ${cycle.join(' → ')}`,
      ),
    );
  }
  if (sla.warnings.length > 0 && !acknowledged) {
    problems.push(
      `spec.sla promises more than the inputs allow (the effective SLA is the weakest over the product and its inputs): ${sla.warnings.join(
        '; ',
      )}. Lower the SLA, or acknowledge it with acknowledgeSlaAboveInputs`,
    );
  }
  return { problems, sla };
}

/** The schema, the subject and its compatibility level, from the registry. */
async function registryProblems(
  clients: DataMeshClients,
  entity: DataProductEntity,
  subject: string,
  request: BarrierRequest,
): Promise<{ problems: string[]; violations: GovernanceViolation[] }> {
  const format = entity.spec.output.format;
  const state: SubjectState = await readSubject(clients, subject);
  const problems: string[] = [];
  const violations: GovernanceViolation[] = [];

  if (
    state.latest &&
    state.latest.schemaType !== SCHEMA_TYPE_OF_FORMAT[format]
  ) {
    problems.push(
      `the subject '${subject}' holds ${state.latest.schemaType} schemas, but spec.output.format is ${format}`,
    );
  }
  if (request.schema) {
    violations.push(...checkSchemaFormat(request.schema.format, clients.rules));
    if (request.schema.format !== format) {
      problems.push(
        `the schema is ${request.schema.format}, but spec.output.format is ${format}`,
      );
    } else {
      const result = parseOrExplain(format, request.schema.content);
      if ('problem' in result) {
        problems.push(result.problem);
      } else {
        problems.push(
          ...(await incompatibilities(
            clients,
            subject,
            state,
            result.parsed,
            request.compatibility,
          )),
        );
      }
    }
  } else if (!state.latest) {
    problems.push(
      `no schema is registered under the subject '${subject}'; register one first (schemaRegistry:schema:register)`,
    );
  }

  // A new subject gets the tier's level when its schema is registered.
  const level =
    request.compatibility ?? (state.latest ? state.level : undefined);
  if (level) {
    violations.push(
      ...checkCompatibility(entity.spec.sla.tier, level, clients.rules),
    );
  }
  return { problems, violations };
}

/** How a message names a descriptor that may not even be valid. */
function shownRef(descriptor: unknown): string {
  const metadata = (descriptor as { metadata?: Record<string, unknown> })
    ?.metadata;
  try {
    return toDataProductRef(
      String(metadata?.name),
      typeof metadata?.namespace === 'string'
        ? metadata.namespace
        : DEFAULT_NAMESPACE,
    );
  } catch {
    return 'descriptor';
  }
}

/** Refuses a structurally invalid descriptor, in the barrier's own words. */
export function validDescriptor(descriptor: unknown): DataProductEntity {
  const result = validateDataProductEntity(descriptor);
  if (result.valid) return result.entity;
  throw new InputError(
    `The data product ${shownRef(
      descriptor,
    )} cannot be published:\n${result.errors
      .map(e => `  - ${formatValidationErrors([e])}`)
      .join('\n')}`,
  );
}

/**
 * The publish barrier: everything a stream needs before it may be called a
 * data product, checked before anything is created, every problem reported
 * at once. dataMesh:product:validate runs it up front and
 * dataMesh:product:publish runs it again right before producing the
 * descriptor, since anything may have changed in between.
 *
 * @throws InputError listing every problem
 *
 * @public
 */
export async function checkPublishBarrier(
  request: BarrierRequest,
  clients: DataMeshClients,
  reader: CatalogReader,
): Promise<BarrierResult> {
  const entity = validDescriptor(request.descriptor);
  const entityRef = stringifyEntityRef(entity);
  const subject = schemaSubjectOf(entity);
  const problems: string[] = [];

  if (!entity.metadata.description?.trim()) {
    problems.push(
      'metadata.description: is required to publish; say what the stream holds and when a record is written',
    );
  }
  if (!clients.clusterNames().includes(entity.spec.output.cluster)) {
    problems.push(
      `spec.output.cluster: '${
        entity.spec.output.cluster
      }' is not a configured cluster; configured: ${clients
        .clusterNames()
        .join(', ')}`,
    );
  }
  const violations = [
    ...checkDescriptorGovernance(entity, clients.rules),
    ...(request.partitions !== undefined
      ? checkPartitions(request.partitions, clients.rules)
      : []),
  ];

  const [catalog, registry] = await Promise.all([
    catalogProblems(reader, entity, request.acknowledgeSlaAboveInputs ?? false),
    registryProblems(clients, entity, subject, request),
  ]);
  problems.push(...catalog.problems, ...registry.problems);
  violations.push(...registry.violations);
  problems.push(...violations.map(v => formatViolations([v])));

  if (problems.length > 0) {
    throw new InputError(
      `The data product ${entityRef} cannot be published:\n${problems
        .map(p => `  - ${p}`)
        .join('\n')}`,
    );
  }
  return {
    entity,
    entityRef,
    topic: entity.spec.output.topic,
    subject,
    effectiveSla: catalog.sla.effective,
    slaWarnings: [
      ...catalog.sla.warnings,
      ...catalog.sla.missingInputs.map(
        ref => `${ref} upstream is not in the catalog; its SLA is not counted`,
      ),
    ],
  };
}
