import {
  DataProductEntity,
  RegistrySchema,
  schemaSubjectOf,
  toOdcsContracts,
  toOdpsYaml,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  formatOfSchemaType,
  parseDescriptorRecord,
  readRegistryTopic,
  registrySchemaOf,
  SchemaRegistryRestClient,
  type RegistryRecord,
} from '@kafka-mesh/plugin-data-mesh-node';
import { stringify } from 'yaml';
import { CliError } from '../lib/CliError';
import { loadMeshConfig, type MeshConfig } from '../lib/loadMeshConfig';
import { registryLabel, withMeshKafka } from '../lib/meshKafka';
import { checkProductId } from './productId';
import type { ExportOptions, Output } from './types';

/** What a format may use beyond the descriptor. */
export interface ExportContext {
  /** The bootstrap servers of the product's output cluster, when configured. */
  brokers?: string[];
  /** The latest registered value schema; loaded for the formats that need it. */
  schema?: () => Promise<RegistrySchema | undefined>;
}

/** The export formats, by `--format` name. */
export const EXPORT_FORMATS: Record<
  string,
  (entity: DataProductEntity, context: ExportContext) => Promise<string>
> = {
  /** ODPS v1.1.0: the product and its ports. */
  odps: async entity => toOdpsYaml(entity),
  /** ODPS v1.0.0, for tools that do not read v1.1.0 yet. */
  'odps-v1.0': async entity => toOdpsYaml(entity, { version: 'v1.0.0' }),
  /** ODCS v3.1.0: the contract of each output port, `---` separated. */
  odcs: async (entity, context) => {
    const schema = await context.schema?.();
    return toOdcsContracts(entity, {
      schema,
      cluster: { brokers: context.brokers },
    })
      .map(contract => stringify(contract))
      .join('---\n');
  },
};

export const DEFAULT_EXPORT_FORMAT = 'odps';

function checkFormat(format: string) {
  const render = Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, format)
    ? EXPORT_FORMATS[format]
    : undefined;
  if (!render) {
    throw new CliError(
      `unknown format '${format}'; supported: ${Object.keys(
        EXPORT_FORMATS,
      ).join(', ')}`,
    );
  }
  return render;
}

/** The published descriptor in the latest record for the id, if any. */
function latestDescriptor(
  records: RegistryRecord[],
  id: string,
  where: string,
): DataProductEntity | undefined {
  let latest: RegistryRecord | undefined;
  for (const record of records) {
    if (record.key?.toString('utf8') === id) latest = record;
  }
  if (!latest) return undefined; // never published
  // Decoded by the rules the catalog reads the topic with.
  const parsed = parseDescriptorRecord(latest.key, latest.value);
  switch (parsed.type) {
    case 'tombstone':
      return undefined;
    case 'invalid':
      throw new CliError(
        `${where} holds an invalid descriptor for ${id} at offset ${latest.offset}: ${parsed.reason}`,
      );
    default:
      return parsed.entity;
  }
}

/**
 * `mesh export <namespace/name> --format odps|odps-v1.0|odcs`: the latest
 * published descriptor, converted (odcs with the latest registered schema). Reads the registry topic itself (reading needs no
 * owner; only writes go through the portal backend).
 */
export async function exportProduct(
  productId: string,
  format: string,
  options: ExportOptions,
  out: Output,
): Promise<void> {
  const id = checkProductId(productId);
  const render = checkFormat(format);
  const mesh = await loadMeshConfig(options);
  const records = await withMeshKafka(mesh, cluster =>
    readRegistryTopic(cluster, mesh.dataMesh.registryTopic),
  );
  const entity = latestDescriptor(records, id, registryLabel(mesh));
  if (!entity) throw new CliError(`${id} is not published`);
  const rendered = await render(entity, {
    brokers: brokersOf(mesh, entity.spec.output.cluster),
    schema: () => latestSchema(mesh, entity),
  });
  out(rendered.replace(/\n$/, ''));
}

/** Only the brokers: a contract never shows credentials. */
function brokersOf(mesh: MeshConfig, name: string): string[] | undefined {
  if (mesh.cluster.name === name) return [...mesh.cluster.brokers];
  const configured = mesh.dataMesh.clusters.find(c => c.name === name);
  return configured ? [...configured.brokers] : undefined;
}

/** The latest schema of the product's subject; none when not registered. */
async function latestSchema(
  mesh: MeshConfig,
  entity: DataProductEntity,
): Promise<RegistrySchema | undefined> {
  const registry = new SchemaRegistryRestClient(mesh.dataMesh.schemaRegistry);
  const latest = await registry.latestVersion(schemaSubjectOf(entity));
  if (!latest) return undefined;
  return registrySchemaOf(formatOfSchemaType(latest.schemaType), latest.schema);
}
