import {
  DataProductEntity,
  toOdpsYaml,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  parseDescriptorRecord,
  readRegistryTopic,
  type RegistryRecord,
} from '@kafka-mesh/plugin-data-mesh-node';
import { CliError } from '../lib/CliError';
import { loadMeshConfig } from '../lib/loadMeshConfig';
import { registryLabel, withMeshKafka } from '../lib/meshKafka';
import { checkProductId } from './productId';
import type { ExportOptions, Output } from './types';

/** The export formats, by `--format` name. */
export const EXPORT_FORMATS: Record<
  string,
  (entity: DataProductEntity) => string
> = {
  odps: toOdpsYaml,
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
 * `mesh export <namespace/name> --format odps`: the latest published
 * descriptor, converted. Reads the registry topic itself (reading needs no
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
  out(render(entity).replace(/\n$/, ''));
}
