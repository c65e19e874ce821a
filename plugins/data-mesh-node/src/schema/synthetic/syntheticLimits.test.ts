import * as avro from 'avsc';
import * as protobuf from 'protobufjs';
import {
  generateSyntheticRecords,
  generateSyntheticRecordsAsync,
  SyntheticRecordsOptions,
} from './generateSyntheticRecords';
import {
  DEFAULT_SYNTHETIC_LIMITS,
  patternLength,
  SyntheticLimits,
} from './syntheticLimits';

/** The error a call throws; fails the test when it throws none. */
function refusal(options: SyntheticRecordsOptions): Error {
  try {
    generateSyntheticRecords(options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to be refused');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An InputError that names the limit and, where given, says what exceeded it. */
const refusedFor = (limit: keyof SyntheticLimits, what = '') =>
  expect.objectContaining({
    name: 'InputError',
    message: expect.stringMatching(
      new RegExp(
        `^Cannot generate synthetic records: (?=.*\\(${limit}\\))(?=.*${escape(
          what,
        )})`,
      ),
    ),
  });

const json = (schema: object, count = 1): SyntheticRecordsOptions => ({
  format: 'json',
  schema: JSON.stringify(schema),
  count,
});
const avroOf = (schema: object, count = 1): SyntheticRecordsOptions => ({
  format: 'avro',
  schema: JSON.stringify(schema),
  count,
});
const proto = (schema: string, count = 1): SyntheticRecordsOptions => ({
  format: 'protobuf',
  schema,
  count,
});

describe('synthetic record limits for JSON Schema', () => {
  const withArray = (array: object) => ({
    type: 'object',
    required: ['tags'],
    properties: {
      tags: { type: 'array', items: { type: 'string' }, ...array },
    },
  });

  it('refuses minItems beyond the limit, naming it and the field', () => {
    expect(refusal(json(withArray({ minItems: 10_000_000 })))).toEqual(
      refusedFor(
        'maxArrayItems',
        "'tags' needs 10000000 items (minItems), more than the limit of 1000 items per array",
      ),
    );
  });

  it('generates arrays at the limit', () => {
    const [record] = generateSyntheticRecords(
      json(withArray({ minItems: DEFAULT_SYNTHETIC_LIMITS.maxArrayItems })),
    );
    // The generator draws up to three more than the minimum.
    expect((record.tags as unknown[]).length).toBeGreaterThanOrEqual(
      DEFAULT_SYNTHETIC_LIMITS.maxArrayItems,
    );
  });

  it('refuses minLength and pattern repetitions beyond the limit', () => {
    const string = (s: object) => ({
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'string', ...s } },
    });
    expect(refusal(json(string({ minLength: 1_000_000 })))).toEqual(
      refusedFor(
        'maxStringLength',
        "'code' needs 1000000 characters (minLength)",
      ),
    );
    expect(refusal(json(string({ pattern: '^[a-z]{1000000}$' })))).toEqual(
      refusedFor('maxStringLength', '(pattern)'),
    );
  });

  it('refuses minProperties and property counts beyond the limit', () => {
    expect(refusal(json({ type: 'object', minProperties: 5000 }))).toEqual(
      refusedFor('maxFields', 'the record needs 5000 fields (minProperties)'),
    );
    const properties = Object.fromEntries(
      Array.from({ length: 1001 }, (_, i) => [`f${i}`, { type: 'integer' }]),
    );
    expect(refusal(json({ type: 'object', properties }))).toEqual(
      refusedFor('maxFields'),
    );
  });

  it('refuses an object that requires itself', () => {
    expect(
      refusal(
        json({
          type: 'object',
          required: ['next'],
          properties: { next: { $ref: '#' } },
        }),
      ),
    ).toEqual(refusedFor('maxDepth', "at 'next.next.next"));
  });

  it('refuses an allOf that includes itself', () => {
    expect(
      refusal(
        json({
          $defs: { loop: { allOf: [{ $ref: '#/$defs/loop' }] } },
          $ref: '#/$defs/loop',
        }),
      ),
    ).toEqual(refusedFor('maxDepth'));
  });

  it('still generates a tree whose recursion is optional or through a union', () => {
    const records = generateSyntheticRecords(
      json(
        {
          $defs: {
            node: {
              type: 'object',
              required: ['value', 'child'],
              properties: {
                value: { type: 'integer' },
                child: {
                  oneOf: [{ $ref: '#/$defs/node' }, { type: 'string' }],
                },
                others: { type: 'array', items: { $ref: '#/$defs/node' } },
              },
            },
          },
          $ref: '#/$defs/node',
        },
        20,
      ),
    );
    expect(records).toHaveLength(20);
  });

  it('refuses nested arrays whose sizes multiply beyond a record', () => {
    const nested = (levels: number): object =>
      levels === 0
        ? { type: 'integer' }
        : { type: 'array', minItems: 100, items: nested(levels - 1) };
    expect(
      refusal(
        json({ type: 'object', required: ['a'], properties: { a: nested(3) } }),
      ),
    ).toEqual(
      refusedFor(
        'maxValuesPerRecord',
        'a record of this schema can take up to',
      ),
    );
  });

  it('refuses a union of shared branches too wide to check', () => {
    const $defs: Record<string, object> = {};
    for (let i = 0; i < 30; i++) {
      $defs[`l${i}`] = {
        oneOf: [{ $ref: `#/$defs/l${i + 1}` }, { $ref: `#/$defs/l${i + 1}` }],
      };
    }
    $defs.l30 = { type: 'object' };
    expect(refusal(json({ $defs, $ref: '#/$defs/l0' }))).toEqual(
      refusedFor('maxSchemaNodes'),
    );
  });

  it('refuses a count whose records together exceed a request', () => {
    // 1 + (1 + 10 × (1 + 10 × 1)) = 112 values per record at most.
    const schema = {
      type: 'object',
      required: ['rows'],
      properties: {
        rows: {
          type: 'array',
          minItems: 10,
          maxItems: 10,
          items: {
            type: 'array',
            minItems: 10,
            maxItems: 10,
            items: { type: 'integer' },
          },
        },
      },
    };
    expect(
      refusal({
        ...json(schema, 100),
        limits: { maxValuesPerRequest: 5000 },
      }),
    ).toEqual(
      refusedFor(
        'maxValuesPerRequest',
        '100 records of up to 112 values each can take 11200 values, more than the limit of 5000 values per request (maxValuesPerRequest); ask for at most 44 records of this schema',
      ),
    );
    expect(
      generateSyntheticRecords({
        ...json(schema, 44),
        limits: { maxValuesPerRequest: 5000 },
      }),
    ).toHaveLength(44);
  });

  it('takes other limits where given', () => {
    expect(
      refusal({
        ...json(withArray({ minItems: 6 })),
        limits: { maxArrayItems: 5 },
      }),
    ).toEqual(
      refusedFor('maxArrayItems', 'more than the limit of 5 items per array'),
    );
  });
});

describe('synthetic record limits for Avro', () => {
  const record = (fields: object[], name = 'Rec') => ({
    type: 'record',
    name,
    fields,
  });

  it('refuses a fixed (or decimal on a fixed) beyond the string limit', () => {
    expect(
      refusal(
        avroOf(
          record([
            { name: 'blob', type: { type: 'fixed', name: 'B', size: 1e8 } },
          ]),
        ),
      ),
    ).toEqual(
      refusedFor(
        'maxStringLength',
        "'blob' needs 100000000 bytes (fixed size), more than the limit of 10000 characters per string",
      ),
    );
    expect(
      refusal(
        avroOf(
          record([
            {
              name: 'amount',
              type: {
                type: 'fixed',
                name: 'D',
                size: 1e8,
                logicalType: 'decimal',
                precision: 9,
              },
            },
          ]),
        ),
      ),
    ).toEqual(refusedFor('maxStringLength', "'amount'"));
  });

  it('refuses a record with more fields than the limit', () => {
    const fields = Array.from({ length: 1001 }, (_, i) => ({
      name: `f${i}`,
      type: 'int',
    }));
    expect(refusal(avroOf(record(fields)))).toEqual(
      refusedFor('maxFields', 'the record needs 1001 fields'),
    );
  });

  it('refuses a record that requires itself', () => {
    expect(
      refusal(avroOf(record([{ name: 'next', type: 'Node' }], 'Node'))),
    ).toEqual(
      refusedFor(
        'maxDepth',
        "records nest more than 64 levels deep at 'next.next.",
      ),
    );
  });

  it('ends a recursion through a union with a scalar deep down', () => {
    const schema = record(
      [
        { name: 'label', type: 'string' },
        { name: 'child', type: ['string', 'Node'] },
      ],
      'Node',
    );
    const type = avro.Type.forSchema(schema as avro.Schema);
    const records = generateSyntheticRecords(avroOf(schema, 30));
    for (const r of records) expect(type.isValid(r)).toBe(true);
  });

  it('refuses arrays whose sizes multiply beyond a record', () => {
    const nested = (levels: number): unknown =>
      levels === 0 ? 'int' : { type: 'array', items: nested(levels - 1) };
    // 3^10 items at most, more than 20,000.
    expect(
      refusal(avroOf(record([{ name: 'cube', type: nested(10) }]))),
    ).toEqual(refusedFor('maxValuesPerRecord'));
    expect(
      generateSyntheticRecords(
        avroOf(record([{ name: 'cube', type: nested(5) }])),
      ),
    ).toHaveLength(1);
  });

  it('refuses unions of shared records too wide to check', () => {
    // Level i is a union of records Ai and Bi, both holding level i + 1:
    // small to write, 2^30 paths to walk.
    const levels = 30;
    const union = (i: number): unknown =>
      i === levels
        ? 'int'
        : [
            record([{ name: 'next', type: union(i + 1) }], `A${i}`),
            record(
              [
                {
                  name: 'next',
                  type: i + 1 === levels ? 'int' : [`A${i + 1}`, `B${i + 1}`],
                },
              ],
              `B${i}`,
            ),
          ];
    expect(refusal(avroOf(record([{ name: 'next', type: union(0) }])))).toEqual(
      refusedFor('maxSchemaNodes', 'the schema has too many branches to check'),
    );
  });
});

describe('synthetic record limits for Protobuf', () => {
  it('refuses a message with more fields than the limit', () => {
    const fields = Array.from(
      { length: 1001 },
      (_, i) => `  int32 f${i} = ${i + 1};`,
    ).join('\n');
    expect(
      refusal(proto(`syntax = "proto3";\nmessage Wide {\n${fields}\n}\n`)),
    ).toEqual(refusedFor('maxFields', 'the record needs 1001 fields'));
  });

  it('refuses a message that always contains itself', () => {
    expect(
      refusal(
        proto(`syntax = "proto3";
message Node { oneof kind { Node next = 1; Leaf leaf = 2; } }
message Leaf { Node back = 1; }
`),
      ),
    ).toEqual(refusedFor('maxDepth'));
  });

  it('ends a recursion through a oneof with a scalar deep down', () => {
    const text = `syntax = "proto3";
message Expr { oneof kind { Expr negate = 1; int32 literal = 2; } repeated Expr args = 3; }
`;
    const type = protobuf
      .parse(text, { keepCase: false })
      .root.lookupType('Expr');
    const records = generateSyntheticRecords(proto(text, 20));
    for (const r of records) expect(type.verify(r)).toBeNull();
  });

  it('refuses repeated messages whose sizes multiply beyond a request', () => {
    const text = `syntax = "proto3";
message Order { repeated Line lines = 1; }
message Line { repeated Part parts = 1; string sku = 2; }
message Part { repeated string codes = 1; }
`;
    // Order 1 + lines (1 + 3 × Line), Line 1 + parts (1 + 3 × Part) + sku,
    // Part 1 + codes (1 + 3): 56 values per record at most.
    expect(
      refusal({
        ...proto(text, 1000),
        limits: { maxValuesPerRequest: 50_000 },
      }),
    ).toEqual(
      refusedFor('maxValuesPerRequest', '1000 records of up to 56 values each'),
    );
  });
});

describe('generateSyntheticRecordsAsync', () => {
  const schema = JSON.stringify({
    type: 'object',
    required: ['id', 'tags'],
    properties: {
      id: { type: 'string' },
      tags: { type: 'array', minItems: 100, items: { type: 'string' } },
    },
  });

  it('gives the same records as the synchronous call', async () => {
    const options = { format: 'json' as const, schema, count: 200, seed: 7 };
    expect(await generateSyntheticRecordsAsync(options)).toEqual(
      generateSyntheticRecords(options),
    );
  });

  it('refuses before generating, as the synchronous call does', async () => {
    await expect(
      generateSyntheticRecordsAsync({
        format: 'json',
        schema: JSON.stringify({ type: 'array', minItems: 1e7 }),
        count: 1,
      }),
    ).rejects.toThrow(/\(maxArrayItems\)/);
  });
});

describe('patternLength', () => {
  it('counts the pattern and every repetition it names', () => {
    expect(patternLength('abc')).toBe(3);
    expect(patternLength('[a-z]{3}')).toBe(11);
    expect(patternLength('x{2,1000}')).toBe(1009);
    expect(patternLength('x{7,}')).toBe(12);
  });
});

describe('redraws of records that fail the schema', () => {
  // The generator ignores `not`: a draw fails when n is one of `failing`.
  const schema = (failing: number[]) =>
    JSON.stringify({
      type: 'object',
      required: ['n'],
      properties: {
        n: {
          type: 'integer',
          minimum: 0,
          maximum: 9,
          not: { enum: failing },
        },
      },
    });

  it('redraws the records that fail now and then', () => {
    const records = generateSyntheticRecords({
      format: 'json',
      schema: schema([0]),
      count: 500,
    });
    expect(records).toHaveLength(500);
    expect(records.every(r => r.n !== 0)).toBe(true);
  });

  it('stops once redraws would more than double the work', () => {
    // Eight in ten draws fail: 500 records take about 2,500 draws.
    expect(() =>
      generateSyntheticRecords({
        format: 'json',
        schema: schema([0, 1, 2, 3, 4, 5, 6, 7]),
        count: 500,
      }),
    ).toThrow(
      /^Could not generate 500 records that satisfy the schema: too many drawn records failed it/,
    );
  });
});
