import {
  checkQuality,
  decodeRecords,
  formatQualityCheck,
  readNewestRecords,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import type { DataProductEntity } from '@kafka-mesh/plugin-data-mesh-common';
import { loadMeshConfig } from '../lib/loadMeshConfig';
import {
  isDescriptorFile,
  productOfFile,
  publishedProduct,
  publishedProducts,
} from '../lib/locateProduct';
import { registryLabel, withMeshKafka } from '../lib/meshKafka';
import type { CheckOptions, Output } from './types';

export const DEFAULT_TEST_RECORDS = 500;

/**
 * `mesh test <namespace/name | descriptor file>`: reads the newest records of
 * the product's topic, decodes each with its registered schema and
 * evaluates every quality rule. Resolves with the exit status: 0 when every
 * `error` rule passes and every record conforms, 1 otherwise (a failure to
 * reach Kafka or the registry rejects, which the CLI answers with 2).
 */
export async function testProduct(
  target: string,
  options: CheckOptions,
  out: Output,
): Promise<number> {
  const limit = options.records ?? DEFAULT_TEST_RECORDS;
  const fromFile = isDescriptorFile(target)
    ? await productOfFile(target)
    : undefined;
  const mesh = await loadMeshConfig(options);
  const registry = new SchemaRegistryRestClient(mesh.dataMesh.schemaRegistry);
  const records = await withMeshKafka(mesh, async cluster => {
    const entity: DataProductEntity =
      fromFile ??
      publishedProduct(
        await publishedProducts(cluster, mesh.dataMesh.registryTopic),
        target,
        registryLabel(mesh),
      );
    const raw = await readNewestRecords(
      cluster,
      entity.spec.output.topic,
      limit,
    );
    return { entity, raw };
  });
  const decoded = await decodeRecords(records.raw, id =>
    registry.schemaById(id),
  );
  const report = checkQuality(records.entity, decoded, { now: Date.now() });
  if (options.json) out(JSON.stringify(report, null, 2));
  else formatQualityCheck(report).forEach(line => out(line));
  return report.passed ? 0 : 1;
}
