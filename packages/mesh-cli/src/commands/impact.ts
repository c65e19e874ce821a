import {
  productIdOf,
  type DataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  assessSchemaImpact,
  formatSchemaImpact,
  readNewestRecords,
  SCHEMA_TYPE_OF_FORMAT,
  SchemaRegistryRestClient,
  SchemaSyntaxError,
  type ImpactConsumer,
} from '@kafka-mesh/plugin-data-mesh-node';
import { readFile } from 'node:fs/promises';
import { CliError } from '../lib/CliError';
import { connectPortal, type PortalOptions } from '../lib/connectPortal';
import { loadMeshConfig } from '../lib/loadMeshConfig';
import {
  isDescriptorFile,
  productOfFile,
  publishedProduct,
  publishedProducts,
} from '../lib/locateProduct';
import { registryLabel, withMeshKafka } from '../lib/meshKafka';
import { TOKEN_ENV } from '../lib/portalClient';
import type { CheckOptions, Output } from './types';

export const DEFAULT_IMPACT_RECORDS = 100;

export interface ImpactOptions extends CheckOptions, PortalOptions {}

async function readSchemaFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new CliError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : message}`,
    );
  }
}

/** The product's consumer groups from the portal, or why they are not known. */
async function consumersOf(
  entity: DataProductEntity,
  options: ImpactOptions,
): Promise<ImpactConsumer[] | string> {
  const env = options.env ?? process.env;
  if (!(options.token ?? env[TOKEN_ENV])?.trim()) {
    return `no portal token: pass --token or set ${TOKEN_ENV} to list them`;
  }
  const portal = await connectPortal(options);
  const { groups } = await portal.consumers(productIdOf(entity));
  return groups.map(g => ({
    groupId: g.groupId,
    ...(g.component && { component: g.component }),
    ...(g.product && { product: g.product }),
  }));
}

/**
 * `mesh impact <namespace/name | descriptor file> <schema file>`: who and
 * what a new schema version affects. Resolves with 0 when nothing breaks,
 * 1 when the registry rejects it, the newest records cannot be read with
 * it, or quality rules would newly fail.
 */
export async function impact(
  target: string,
  schemaFile: string,
  options: ImpactOptions,
  out: Output,
): Promise<number> {
  const limit = options.records ?? DEFAULT_IMPACT_RECORDS;
  const schemaText = await readSchemaFile(schemaFile);
  const fromFile = isDescriptorFile(target)
    ? await productOfFile(target)
    : undefined;
  const mesh = await loadMeshConfig(options);
  const registry = new SchemaRegistryRestClient(mesh.dataMesh.schemaRegistry);
  const { entity, products, records } = await withMeshKafka(
    mesh,
    async cluster => {
      const published = await publishedProducts(
        cluster,
        mesh.dataMesh.registryTopic,
      );
      const product =
        fromFile ?? publishedProduct(published, target, registryLabel(mesh));
      return {
        entity: product,
        products: [...published.values()],
        records: await readNewestRecords(
          cluster,
          product.spec.output.topic,
          limit,
        ),
      };
    },
  );
  const consumers = await consumersOf(entity, options);
  let report;
  try {
    report = await assessSchemaImpact({
      product: entity,
      products,
      newSchema: {
        schema: schemaText,
        schemaType: SCHEMA_TYPE_OF_FORMAT[entity.spec.output.format],
      },
      registry: {
        compatibility: subject => registry.compatibility(subject),
        testCompatibility: (subject, schema) =>
          registry.testCompatibility(subject, schema),
        schemaById: id => registry.schemaById(id),
      },
      records,
      consumers,
      now: Date.now(),
    });
  } catch (error) {
    if (error instanceof SchemaSyntaxError) {
      throw new CliError(`${schemaFile}: ${error.message}`);
    }
    throw error;
  }
  if (options.json) out(JSON.stringify(report, null, 2));
  else formatSchemaImpact(report).forEach(line => out(line));
  return report.breaking ? 1 : 0;
}
