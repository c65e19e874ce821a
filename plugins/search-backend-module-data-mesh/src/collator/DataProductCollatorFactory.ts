import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  DATA_PRODUCT_KIND,
  DATA_PRODUCT_SEARCH_TYPE,
  isDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import {
  readDataMeshConfig,
  SchemaRegistryRestClient,
} from '@kafka-mesh/plugin-data-mesh-node';
import { Readable } from 'node:stream';
import type { DataProductDocument } from './DataProductDocument';
import { DEFAULT_BATCH_SIZE, readCollatorConfig } from './readCollatorConfig';
import { SchemaById, SchemaFieldSource } from './SchemaFieldSource';
import {
  ENTITY_FIELDS,
  schemaIdOf,
  toDataProductDocument,
} from './toDataProductDocument';

/**
 * The search document type of data products (data-mesh-common's
 * `DATA_PRODUCT_SEARCH_TYPE`).
 *
 * @public
 */
export const DATA_PRODUCT_DOCUMENT_TYPE = DATA_PRODUCT_SEARCH_TYPE;

/**
 * Options of {@link DataProductCollatorFactory}.
 *
 * @public
 */
export interface DataProductCollatorFactoryOptions {
  auth: AuthService;
  catalog: CatalogService;
  logger: LoggerService;
  /** Where schemas are read by id: the configured registry's REST API. */
  registry: SchemaById;
  /** Products per catalog request. */
  batchSize?: number;
  /** Schemas whose fields are kept between runs. */
  schemaCacheSize?: number;
}

/**
 * Collates the catalog's DataProducts into `data-product` search
 * documents, with the field names and docs of each product's registered
 * value schema, so that a search for a field finds the products that
 * carry it.
 *
 * @public
 */
export class DataProductCollatorFactory implements DocumentCollatorFactory {
  readonly type = DATA_PRODUCT_DOCUMENT_TYPE;
  // A product hidden from someone in the catalog stays hidden in search.
  readonly visibilityPermission = catalogEntityReadPermission;
  private readonly auth: AuthService;
  private readonly catalog: CatalogService;
  private readonly batchSize: number;
  private readonly schemas: SchemaFieldSource;

  /**
   * From `search.collators.dataMesh` and the suite's
   * `dataMesh.schemaRegistry` (credentials included).
   */
  static fromConfig(
    config: Config,
    options: Omit<DataProductCollatorFactoryOptions, 'registry' | 'batchSize'>,
  ): DataProductCollatorFactory {
    const { schemaRegistry } = readDataMeshConfig(config);
    return new DataProductCollatorFactory({
      ...options,
      registry: new SchemaRegistryRestClient(schemaRegistry),
      batchSize: readCollatorConfig(config).batchSize,
    });
  }

  constructor(options: DataProductCollatorFactoryOptions) {
    this.auth = options.auth;
    this.catalog = options.catalog;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.schemas = new SchemaFieldSource(options.registry, options.logger, {
      cacheSize: options.schemaCacheSize,
    });
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  /** The documents, one catalog page at a time. */
  async *execute(): AsyncGenerator<DataProductDocument> {
    const run = this.schemas.startRun();
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: this.batchSize, fields: ENTITY_FIELDS }
          : {
              filter: { kind: DATA_PRODUCT_KIND },
              limit: this.batchSize,
              fields: ENTITY_FIELDS,
              totalItems: 'exclude',
            },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      const products = page.items.filter(isDataProductEntity);
      const fields = await run.fieldsOf(
        products.map(schemaIdOf).filter((id): id is number => id !== undefined),
      );
      for (const product of products) {
        const id = schemaIdOf(product);
        yield toDataProductDocument(
          product,
          id === undefined ? [] : fields.get(id),
        );
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    run.finish();
  }
}
