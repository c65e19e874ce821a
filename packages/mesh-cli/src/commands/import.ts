import {
  formatValidationErrors,
  fromOdps,
  OdcsDataContract,
  OdpsDataProduct,
} from '@kafka-mesh/plugin-data-mesh-common';
import { readFile } from 'node:fs/promises';
import { parseAllDocuments, stringify } from 'yaml';
import { CliError } from '../lib/CliError';
import type { Output } from './types';

async function readDocuments(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file`);
    throw new CliError(`${file}: ${message}`);
  }
  // YAML, and so JSON too; several documents `---` separated.
  const documents = parseAllDocuments(text);
  const problems = documents.flatMap(doc =>
    doc.errors.map(error => `${file}: ${error.message.split('\n')[0]}`),
  );
  if (problems.length) throw new CliError(problems);
  return documents.map(doc => doc.toJS()).filter(doc => doc !== null);
}

const kindOf = (doc: unknown) =>
  typeof doc === 'object' && doc !== null
    ? (doc as { kind?: unknown }).kind
    : undefined;

/**
 * `mesh import <odps file> [odcs files…]`: an ODPS document (v1.0.0 or
 * v1.1.0) and the ODCS v3.1 contracts of its output ports, as a DataProduct
 * descriptor, validated like any descriptor; printed as YAML. The contracts
 * add the quality rules; the value schema stays in the registry.
 */
export async function importProduct(
  files: string[],
  out: Output,
): Promise<void> {
  const documents: Array<{ file: string; doc: unknown }> = [];
  for (const file of files) {
    for (const doc of await readDocuments(file)) documents.push({ file, doc });
  }
  const products = documents.filter(d => kindOf(d.doc) === 'DataProduct');
  if (products.length !== 1) {
    throw new CliError(
      `expected one ODPS document (kind: DataProduct), found ${products.length}`,
    );
  }
  const others = documents.filter(
    d => !['DataProduct', 'DataContract'].includes(String(kindOf(d.doc))),
  );
  if (others.length) {
    throw new CliError(
      others.map(
        d =>
          `${
            d.file
          }: not an ODPS data product or ODCS data contract (kind: ${String(
            kindOf(d.doc),
          )})`,
      ),
    );
  }
  const contracts = documents
    .filter(d => kindOf(d.doc) === 'DataContract')
    .map(d => d.doc as OdcsDataContract);
  const result = fromOdps(products[0].doc as OdpsDataProduct, contracts);
  if (!result.valid) {
    throw new CliError([
      `${products[0].file} does not give a valid DataProduct:`,
      ...formatValidationErrors(result.errors).split('\n'),
    ]);
  }
  out(stringify(result.entity).replace(/\n$/, ''));
}
