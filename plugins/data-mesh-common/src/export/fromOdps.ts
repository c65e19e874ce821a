import { DATA_MESH_API_VERSION, DATA_PRODUCT_KIND } from '../constants';
import { parseProductId, toDataProductRef } from '../entity/helpers';
import type { DataProductSpec } from '../entity/types';
import {
  DataProductValidationResult,
  validateDataProductEntity,
} from '../entity/validateDataProductEntity';
import type { QualityRule } from '../quality/types';
import type { OdcsDataContract } from './odcs';
import { CUSTOM_SPEC_FIELDS, OdpsDataProduct, SLA_PROPERTIES } from './odps';
import { FRESHNESS_RULES, readQualityRules } from './odcsQuality';
import { ON_CALL_CHANNEL } from './shared';
import { OdcsSlaProperty, fromSlaProperties } from './slaProperties';

/** Before v1.1 of this export, team was a list of members with roles. */
type LegacyTeam = Array<{ username: string; role?: string }>;

function ownerOf(team: OdpsDataProduct['team'] | LegacyTeam | undefined) {
  if (Array.isArray(team)) {
    return team.find(member => member.role === 'owner')?.username;
  }
  return team?.name;
}

function customOf(
  properties: Array<{ property: string; value: unknown }> = [],
) {
  return new Map(properties.map(p => [p.property, p.value]));
}

/** The output from the contract's kafka server, for a document without `output`. */
function outputOf(contract: OdcsDataContract | undefined) {
  const server = contract?.servers?.find(s => s.type === 'kafka');
  if (!server) return undefined;
  const topic =
    (customOf(server.customProperties).get('topic') as string | undefined) ??
    contract?.schema?.[0]?.physicalName;
  const subject = customOf(contract?.schema?.[0]?.customProperties).get(
    'schemaSubject',
  );
  return {
    cluster: server.server,
    topic,
    format: server.format,
    ...(subject && subject !== `${topic}-value`
      ? { schemaSubject: subject }
      : {}),
  };
}

/** The rules of the contract of the product's (first) output port. */
function qualityRulesOf(
  doc: OdpsDataProduct,
  contracts: OdcsDataContract[],
): { contract?: OdcsDataContract; rules: QualityRule[] } {
  const ids = new Set((doc.outputPorts ?? []).map(port => port.contractId));
  const contract = contracts.find(c => ids.has(c.id));
  if (!contract) return { rules: [] };
  const freshness = customOf(contract.customProperties).get(FRESHNESS_RULES) as
    | QualityRule[]
    | undefined;
  return {
    contract,
    rules: readQualityRules(
      contract.schema?.[0],
      contract.slaProperties ?? [],
      freshness,
    ),
  };
}

/**
 * Reads an ODPS document written by `toOdps` (v1.0.0 or v1.1.0), with the
 * ODCS contracts of its output ports (`toOdcs`), back into a descriptor and
 * validates it. The ODPS document holds the descriptor; the contracts add
 * the quality rules (and the output, when the document lacks it). Documents
 * from other tools may lack any part; errors then name the descriptor
 * fields that stayed empty. The value schema is not part of a descriptor:
 * it stays in the registry.
 *
 * @public
 */
export function fromOdps(
  doc: OdpsDataProduct,
  contracts: OdcsDataContract[] = [],
): DataProductValidationResult {
  let id: { namespace: string; name: string };
  try {
    id = parseProductId(doc.id);
  } catch (error) {
    return {
      valid: false,
      errors: [{ path: 'id', message: (error as Error).message }],
    };
  }
  const custom = customOf(doc.customProperties);
  const extras = Object.fromEntries(
    CUSTOM_SPEC_FIELDS.filter(field => custom.has(field)).map(field => [
      field,
      custom.get(field),
    ]),
  ) as Partial<DataProductSpec>;
  const { contract, rules } = qualityRulesOf(doc, contracts);
  const entity = {
    apiVersion: DATA_MESH_API_VERSION,
    kind: DATA_PRODUCT_KIND,
    metadata: {
      ...id,
      title: doc.name !== id.name ? doc.name : undefined,
      description: doc.description?.purpose,
      tags: doc.tags,
    },
    spec: {
      owner: ownerOf(doc.team as OdpsDataProduct['team'] | LegacyTeam),
      domain: doc.domain,
      status: doc.status,
      ...(extras.output ? {} : { output: outputOf(contract) }),
      ...extras,
      ...(rules.length ? { qualityRules: rules } : {}),
      inputs: doc.inputPorts?.map(port => toDataProductRef(port.contractId)),
      sla: {
        ...fromSlaProperties(
          (custom.get(SLA_PROPERTIES) as OdcsSlaProperty[] | undefined) ?? [],
        ),
        onCall: doc.support?.find(s => s.channel === ON_CALL_CHANNEL)?.url,
      },
    },
  };
  // JSON drops the fields left undefined, as if they were never written.
  return validateDataProductEntity(JSON.parse(JSON.stringify(entity)));
}
