import {
  toOdcs,
  toOdps,
  validateDataProductEntity,
} from '@kafka-mesh/plugin-data-mesh-common';
import { fullDataProduct } from '@kafka-mesh/plugin-data-mesh-common/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { main } from '../index';
import { EXPORT_FORMATS } from './export';

const product = {
  ...fullDataProduct,
  metadata: { ...fullDataProduct.metadata, annotations: undefined },
  spec: {
    ...fullDataProduct.spec,
    qualityRules: [
      {
        name: 'fresh',
        metric: 'freshness' as const,
        mustBeLessOrEqualTo: 300,
        unit: 'seconds' as const,
      },
    ],
  },
};
delete product.metadata.annotations;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-import-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, {
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('mesh import', () => {
  it('prints the validated descriptor of an ODPS document and its contracts', async () => {
    const odps = path.join(dir, 'product.odps.yaml');
    const odcs = path.join(dir, 'product.odcs.json');
    fs.writeFileSync(odps, stringify(toOdps(product)));
    fs.writeFileSync(odcs, JSON.stringify(toOdcs(product)));
    const result = await run(['import', odps, odcs]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const descriptor = parse(result.stdout);
    expect(validateDataProductEntity(descriptor).valid).toBe(true);
    expect(descriptor).toEqual(product);
  });

  it('reads ODPS v1.0.0 and contracts in the same file', async () => {
    const file = path.join(dir, 'both.yaml');
    fs.writeFileSync(
      file,
      `${stringify(toOdps(product, { version: 'v1.0.0' }))}---\n${stringify(
        toOdcs(product),
      )}`,
    );
    const result = await run(['import', file]);
    expect(parse(result.stdout)).toEqual(product);
  });

  it('names what is wrong', async () => {
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, stringify({ ...toOdps(product), support: [] }));
    expect(await run(['import', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${file} does not give a valid DataProduct:\nspec.sla.onCall: is required`,
    });
    expect(await run(['import'])).toMatchObject({
      code: 1,
      stderr:
        'mesh import: missing <odps file>\nusage: mesh import <odps file> [<odcs file>...]',
    });
    const contractOnly = path.join(dir, 'contract.yaml');
    fs.writeFileSync(contractOnly, stringify(toOdcs(product)));
    expect(await run(['import', contractOnly])).toMatchObject({
      code: 1,
      stderr: 'expected one ODPS document (kind: DataProduct), found 0',
    });
  });
});

describe('mesh export formats', () => {
  it('writes ODPS v1.1.0, v1.0.0 and the ODCS contract with the brokers only', async () => {
    expect(parse(await EXPORT_FORMATS.odps(product, {}))).toMatchObject({
      apiVersion: 'v1.1.0',
    });
    expect(parse(await EXPORT_FORMATS['odps-v1.0'](product, {}))).toMatchObject(
      { apiVersion: 'v1.0.0' },
    );
    const odcs = parse(
      await EXPORT_FORMATS.odcs(product, {
        brokers: ['b1:9092'],
        schema: async () => ({
          format: 'json',
          text: '{"type":"object","properties":{"id":{"type":"string"}}}',
        }),
      }),
    );
    expect(odcs).toMatchObject({
      kind: 'DataContract',
      servers: [{ type: 'kafka', host: 'b1:9092' }],
      schema: [{ properties: [{ name: 'id', logicalType: 'string' }] }],
    });
  });
});
