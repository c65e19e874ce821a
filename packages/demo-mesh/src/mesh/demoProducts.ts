import {
  DataProductEntity,
  formatValidationErrors,
  OutputFormat,
  validateDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// Resolved like Backstage's resolvePackagePath: right from source and builds.
const PACKAGE_DIR = path.dirname(
  require.resolve('@kafka-mesh/demo-mesh/package.json'),
);
export const PRODUCTS_DIR = path.join(PACKAGE_DIR, 'products');
const SCHEMAS_DIR = path.join(PACKAGE_DIR, 'schemas');
const CATALOG_DIR = path.join(PACKAGE_DIR, 'catalog');

/** The demo organisation's catalog files (absolute paths), for `catalog.locations`. */
export const DEMO_CATALOG_FILES = [
  'org.yaml',
  'domains.yaml',
  'systems.yaml',
  'components.yaml',
  'principals.yaml',
].map(file => path.join(CATALOG_DIR, file));

const SCHEMA_EXTENSIONS: Record<OutputFormat, string> = {
  avro: 'avsc',
  json: 'json',
  protobuf: 'proto',
};

/**
 * A derived product that republishes its input's records unchanged shares
 * that input's schema file rather than keeping a copy that could drift.
 */
const SHARED_SCHEMAS: Record<string, string> = {
  'eu-customer-profiles': 'customer-profiles',
};

/** Tag of products whose records are state keyed by id: compacted topics. */
export const CHANGELOG_TAG = 'changelog';

/** One product of the demo mesh: its descriptor and its value schema. */
export interface DemoProduct {
  name: string;
  descriptor: DataProductEntity;
  topic: string;
  subject: string;
  schema: { format: OutputFormat; text: string };
}

/**
 * Names the demo's Kafka resources so that tests can run beside the real
 * demo: `topicPrefix` goes in front of every topic (and so every subject)
 * and consumer group.
 */
export interface DemoNaming {
  topicPrefix?: string;
}

function schemaFileOf(name: string, format: OutputFormat): string {
  return path.join(
    SCHEMAS_DIR,
    `${SHARED_SCHEMAS[name] ?? name}.${SCHEMA_EXTENSIONS[format]}`,
  );
}

/** Parses and validates one descriptor file; throws naming the file and every problem. */
function parseDescriptorFile(file: string): DataProductEntity {
  const result = validateDataProductEntity(
    parse(fs.readFileSync(file, 'utf8')),
  );
  if (!result.valid) {
    throw new Error(
      `${path.relative(
        PACKAGE_DIR,
        file,
      )} is not a valid DataProduct:\n${formatValidationErrors(result.errors)}`,
    );
  }
  return result.entity;
}

/** The descriptors as written in `products/`, sorted by name. */
function readDemoDescriptors(): DataProductEntity[] {
  return fs
    .readdirSync(PRODUCTS_DIR)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file => parseDescriptorFile(path.join(PRODUCTS_DIR, file)));
}

/**
 * Every product of the demo mesh with its schema, topics and the processors'
 * consumer groups renamed with the prefix. Subjects follow the topic (`<topic>-value`), so the descriptors
 * leave `schemaSubject` out and a prefix renames both.
 */
export function loadDemoProducts(naming: DemoNaming = {}): DemoProduct[] {
  const prefix = naming.topicPrefix ?? '';
  return readDemoDescriptors().map(written => {
    const topic = `${prefix}${written.spec.output.topic}`;
    // The processor's groups are renamed like the demo's groups (groupIdOf).
    const processor = written.spec.processor && {
      consumerGroups: written.spec.processor.consumerGroups.map(
        group => `${prefix}${group}`,
      ),
    };
    const descriptor: DataProductEntity = {
      ...written,
      spec: {
        ...written.spec,
        output: { ...written.spec.output, topic },
        ...(processor && { processor }),
      },
    };
    const { format } = descriptor.spec.output;
    return {
      name: descriptor.metadata.name,
      descriptor,
      topic,
      subject: `${topic}-value`,
      schema: {
        format,
        text: fs.readFileSync(
          schemaFileOf(descriptor.metadata.name, format),
          'utf8',
        ),
      },
    };
  });
}
