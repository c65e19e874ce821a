import {
  DataProductEntity,
  MAX_DESCRIPTOR_BYTES,
  productIdOf,
  validateDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import { parseAllDocuments } from 'yaml';

/** A descriptor that passed validation, with where it came from. */
export interface LoadedDescriptor {
  /** The product id `<namespace>/<name>`: the record key. */
  id: string;
  entity: DataProductEntity;
  file: string;
  /** 1-based position of the YAML document in its file. */
  document: number;
}

export type LoadDescriptorsResult =
  | { valid: true; descriptors: LoadedDescriptor[] }
  | {
      valid: false;
      /** One line per problem: `<file>: <name or #document>: [<path>: ]<message>`. */
      problems: string[];
    };

export interface LoadDescriptorsOptions {
  maxBytes?: number;
}

function labelOf(value: unknown, document: number): string {
  const name = (value as { metadata?: { name?: unknown } } | null)?.metadata
    ?.name;
  return typeof name === 'string' && name.trim() ? name : `#${document}`;
}

/**
 * Parses the YAML documents of one file (`---` separated) and validates each
 * as a DataProduct descriptor, including the size limit of the registry
 * topic. Pure: the caller reads the file and decides what to do.
 */
export function loadDescriptors(
  text: string,
  file: string,
  options: LoadDescriptorsOptions = {},
): LoadDescriptorsResult {
  const maxBytes = options.maxBytes ?? MAX_DESCRIPTOR_BYTES;
  const problems: string[] = [];
  const descriptors: LoadedDescriptor[] = [];

  parseAllDocuments(text).forEach((doc, i) => {
    const document = i + 1;
    if (doc.errors.length) {
      for (const error of doc.errors) {
        // yaml's messages end in a multi-line excerpt; the first line has the position.
        problems.push(
          `${file}: #${document}: not valid YAML: ${error.message
            .split('\n')[0]
            .replace(/:$/, '')}`,
        );
      }
      return;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return; // an empty document, e.g. after a trailing ---

    const label = labelOf(value, document);
    const result = validateDataProductEntity(value);
    if (!result.valid) {
      for (const { path, message } of result.errors) {
        problems.push(
          `${file}: ${label}: ${path ? `${path}: ` : ''}${message}`,
        );
      }
      return;
    }
    const bytes = Buffer.byteLength(JSON.stringify(result.entity), 'utf8');
    if (bytes > maxBytes) {
      problems.push(
        `${file}: ${label}: the descriptor is ${bytes} bytes as JSON, more than the limit of ${maxBytes}`,
      );
      return;
    }
    descriptors.push({
      id: productIdOf(result.entity),
      entity: result.entity,
      file,
      document,
    });
  });

  if (!problems.length && !descriptors.length) {
    problems.push(`${file}: contains no descriptors`);
  }
  return problems.length
    ? { valid: false, problems }
    : { valid: true, descriptors };
}

/**
 * Two descriptors for one product id in one run would silently overwrite
 * each other in the compacted topic; almost certainly a copy-paste mistake.
 */
export function findDuplicateIds(descriptors: LoadedDescriptor[]): string[] {
  const first = new Map<string, LoadedDescriptor>();
  const problems: string[] = [];
  for (const descriptor of descriptors) {
    const earlier = first.get(descriptor.id);
    if (earlier) {
      const where =
        earlier.file === descriptor.file
          ? `#${earlier.document}`
          : `${earlier.file} #${earlier.document}`;
      problems.push(
        `${descriptor.file}: ${descriptor.entity.metadata.name}: ${descriptor.id} is already defined by document ${where}`,
      );
    } else {
      first.set(descriptor.id, descriptor);
    }
  }
  return problems;
}
