import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';

const json = (schema: object) => `${JSON.stringify(schema, null, 2)}\n`;

// Small but complete: a key, a timestamp and a documented field, so owners
// see the shape of a good schema before replacing it with theirs.
const STARTERS: Record<OutputFormat, string> = {
  avro: json({
    type: 'record',
    name: 'Event',
    namespace: 'com.example',
    doc: 'One event of this data product.',
    fields: [
      { name: 'id', type: 'string', doc: 'Unique id of the event.' },
      {
        name: 'occurredAt',
        type: { type: 'long', logicalType: 'timestamp-millis' },
        doc: 'When the event happened.',
      },
    ],
  }),
  json: json({
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Event',
    description: 'One event of this data product.',
    type: 'object',
    properties: {
      id: { type: 'string', description: 'Unique id of the event.' },
      occurredAt: {
        type: 'string',
        format: 'date-time',
        description: 'When the event happened.',
      },
    },
    required: ['id', 'occurredAt'],
  }),
  protobuf: [
    'syntax = "proto3";',
    '',
    'package com.example;',
    '',
    '// One event of this data product.',
    'message Event {',
    '  // Unique id of the event.',
    '  string id = 1;',
    '  // When the event happened, in milliseconds since the epoch.',
    '  int64 occurred_at = 2;',
    '}',
    '',
  ].join('\n'),
};

/** The schema the editor starts from for a format. */
export function starterSchema(format: OutputFormat): string {
  return STARTERS[format];
}

/**
 * Whether the text is empty or still one of the starters, i.e. the owner has
 * not written anything that switching the format would throw away.
 */
export function isUntouchedSchema(text: string | undefined): boolean {
  return !text?.trim() || Object.values(STARTERS).includes(text);
}
