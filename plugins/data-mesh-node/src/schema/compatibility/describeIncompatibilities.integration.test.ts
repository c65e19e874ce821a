import type {
  CompatibilityLevel,
  OutputFormat,
} from '@kafka-mesh/plugin-data-mesh-common';
import { readDataMeshConfig } from '../../config/readDataMeshConfig';
import { SchemaRegistryRestClient } from '../../registry/SchemaRegistryRestClient';
import { localStackConfig, uniqueName } from '../../__testUtils__/localStack';
import { SCHEMA_TYPE_OF_FORMAT } from '../schemaTypes';
import { describeIncompatibilities } from './describeIncompatibilities';

const avro = (fields: unknown[]) =>
  JSON.stringify({ type: 'record', name: 'Order', fields });
const currency = (symbols: string[]) => ({
  name: 'currency',
  type: { type: 'enum', name: 'Currency', symbols },
});
const avroV1 = avro([
  { name: 'id', type: 'string' },
  { name: 'qty', type: 'int' },
  currency(['EUR', 'USD']),
]);

const json = (properties: object, extra: object = {}) =>
  JSON.stringify({ type: 'object', properties, ...extra });
const jsonV1 = json(
  { id: { type: 'string' }, qty: { type: 'integer' } },
  { required: ['id'] },
);

const proto = (body: string) =>
  `syntax = "proto3";\nmessage Order {\n${body}\n}\n`;
const protoV1 = proto('  string id = 1;\n  int64 qty = 2;');

type Case = [string, OutputFormat, CompatibilityLevel, string, string];

// Each evolution goes to the registry, whose verdict is the reference: the
// sentences must be empty exactly when the registry accepts the change.
const CASES: Case[] = [
  [
    'avro: optional field added',
    'avro',
    'BACKWARD',
    avroV1,
    avro([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'int' },
      currency(['EUR', 'USD']),
      { name: 'note', type: ['null', 'string'], default: null },
    ]),
  ],
  [
    'avro: int promoted to long',
    'avro',
    'BACKWARD',
    avroV1,
    avro([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'long' },
      currency(['EUR', 'USD']),
    ]),
  ],
  [
    'avro: int promoted to long, read by the old schema',
    'avro',
    'FORWARD',
    avroV1,
    avro([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'long' },
      currency(['EUR', 'USD']),
    ]),
  ],
  [
    'avro: required field added',
    'avro',
    'BACKWARD',
    avroV1,
    avro([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'int' },
      currency(['EUR', 'USD']),
      { name: 'channel', type: 'string' },
    ]),
  ],
  [
    'avro: field removed',
    'avro',
    'BACKWARD',
    avroV1,
    avro([{ name: 'id', type: 'string' }, currency(['EUR', 'USD'])]),
  ],
  [
    'avro: field removed, read by the old schema',
    'avro',
    'FORWARD',
    avroV1,
    avro([{ name: 'id', type: 'string' }, currency(['EUR', 'USD'])]),
  ],
  [
    'avro: enum symbol removed',
    'avro',
    'BACKWARD',
    avroV1,
    avro([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'int' },
      currency(['EUR']),
    ]),
  ],
  [
    'avro: enum symbol added',
    'avro',
    'FULL',
    avroV1,
    avro([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'int' },
      currency(['EUR', 'USD', 'GBP']),
    ]),
  ],
  [
    'avro: type changed',
    'avro',
    'BACKWARD',
    avroV1,
    avro([
      { name: 'id', type: 'string' },
      { name: 'qty', type: 'string' },
      currency(['EUR', 'USD']),
    ]),
  ],
  [
    'json: optional property added',
    'json',
    'BACKWARD',
    jsonV1,
    json(
      {
        id: { type: 'string' },
        qty: { type: 'integer' },
        note: { type: 'string' },
      },
      { required: ['id'] },
    ),
  ],
  [
    'json: required property added',
    'json',
    'BACKWARD',
    jsonV1,
    json(
      {
        id: { type: 'string' },
        qty: { type: 'integer' },
        channel: { type: 'string' },
      },
      { required: ['id', 'channel'] },
    ),
  ],
  [
    'json: type narrowed',
    'json',
    'BACKWARD',
    jsonV1,
    json(
      { id: { type: 'integer' }, qty: { type: 'integer' } },
      { required: ['id'] },
    ),
  ],
  [
    'json: integer widened to number',
    'json',
    'BACKWARD',
    jsonV1,
    json(
      { id: { type: 'string' }, qty: { type: 'number' } },
      { required: ['id'] },
    ),
  ],
  [
    'json: integer widened to number, read by the old schema',
    'json',
    'FORWARD',
    jsonV1,
    json(
      { id: { type: 'string' }, qty: { type: 'number' } },
      { required: ['id'] },
    ),
  ],
  [
    'protobuf: field added',
    'protobuf',
    'BACKWARD',
    protoV1,
    proto('  string id = 1;\n  int64 qty = 2;\n  string note = 3;'),
  ],
  [
    'protobuf: field removed and reserved',
    'protobuf',
    'BACKWARD',
    protoV1,
    proto('  reserved 2;\n  string id = 1;'),
  ],
  [
    'protobuf: field removed',
    'protobuf',
    'BACKWARD',
    protoV1,
    proto('  string id = 1;'),
  ],
  [
    'protobuf: field retyped',
    'protobuf',
    'BACKWARD',
    protoV1,
    proto('  string id = 1;\n  string qty = 2;'),
  ],
  [
    'protobuf: field renumbered',
    'protobuf',
    'BACKWARD',
    protoV1,
    proto('  string id = 1;\n  int64 qty = 3;'),
  ],
];

describe('describeIncompatibilities against the real registry’s verdict', () => {
  const config = readDataMeshConfig(localStackConfig());
  const client = new SchemaRegistryRestClient(config.schemaRegistry);
  const subjects: string[] = [];

  afterAll(async () => {
    await Promise.all(subjects.map(s => client.deleteSubject(s)));
  });

  it.each(CASES)('%s', async (_label, format, level, previous, next) => {
    const subject = uniqueName('it.describe-value');
    subjects.push(subject);
    const schemaType = SCHEMA_TYPE_OF_FORMAT[format];
    await client.setCompatibility(subject, level);
    await client.register(subject, { schema: previous, schemaType });
    const { compatible } = await client.testCompatibility(subject, {
      schema: next,
      schemaType,
    });
    const sentences = describeIncompatibilities(format, previous, next, level);
    expect({ compatible, sentences: sentences.length > 0 }).toEqual({
      compatible,
      sentences: !compatible,
    });
  });
});
