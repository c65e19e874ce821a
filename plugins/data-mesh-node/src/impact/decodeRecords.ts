import type { OutputFormat } from '@kafka-mesh/plugin-data-mesh-common';
import { NotFoundError } from '@backstage/errors';
import type { RegistrySchema } from '../registry/SchemaRegistryRestClient';
import { formatOfSchemaType } from '../schema/schemaTypes';
import { parseWireValue, RecordReader, recordReader } from './decodeRecord';

/** A record as read from the topic. */
export interface RawRecord {
  partition: number;
  offset: string;
  /** ms since the epoch */
  timestamp: number;
  value: Buffer | null;
}

/** A record whose value was read. */
export interface DecodedRecord {
  partition: number;
  offset: string;
  timestamp: number;
  value: unknown;
}

/** A record that could not be read, and why. */
export interface RecordFailure {
  partition: number;
  offset: string;
  reason: string;
}

/** @public */
export interface DecodedRecords {
  decoded: DecodedRecord[];
  failures: RecordFailure[];
  /** Records with no value (tombstones), neither checked nor failed. */
  tombstones: number;
}

/**
 * The registered schema with an id (`GET /schemas/ids/:id`); a NotFoundError
 * for an unknown id.
 */
export type SchemaById = (id: number) => Promise<RegistrySchema>;

/**
 * Reads every record with the schema it was written with (looked up by the
 * id in its wire-format header), or, given `reader`, resolves it into that
 * schema: records that cannot be read are failures with the reason. A
 * registry that cannot be reached fails the whole call.
 *
 * @public
 */
export async function decodeRecords(
  records: readonly RawRecord[],
  schemaById: SchemaById,
  reader?: RecordReader,
): Promise<DecodedRecords> {
  const writers = new Map<number, Promise<RecordReader | string>>();
  const writerOf = (id: number) => {
    let found = writers.get(id);
    if (!found) {
      found = schemaById(id).then(
        schema => {
          let format: OutputFormat;
          try {
            format = formatOfSchemaType(schema.schemaType ?? 'AVRO');
            return recordReader(format, schema.schema);
          } catch (error) {
            return `its schema ${id} does not parse: ${
              (error as Error).message
            }`;
          }
        },
        error => {
          if (error instanceof NotFoundError) {
            return `its schema id ${id} is not registered`;
          }
          throw error;
        },
      );
      writers.set(id, found);
    }
    return found;
  };

  const result: DecodedRecords = { decoded: [], failures: [], tombstones: 0 };
  for (const record of records) {
    const { partition, offset, timestamp } = record;
    if (record.value === null) {
      result.tombstones++;
      continue;
    }
    const wire = parseWireValue(record.value);
    if (!wire) {
      result.failures.push({
        partition,
        offset,
        reason: 'not in the registry wire format (no magic byte and schema id)',
      });
      continue;
    }
    const writer = await writerOf(wire.schemaId);
    if (typeof writer === 'string') {
      result.failures.push({ partition, offset, reason: writer });
      continue;
    }
    const fail = (reason: string) =>
      result.failures.push({ partition, offset, reason });
    let value: unknown;
    try {
      value = writer.read(wire.payload);
    } catch (error) {
      fail(`does not match its schema ${wire.schemaId}: ${firstLine(error)}`);
      continue;
    }
    if (reader) {
      if (reader.format !== writer.format) {
        fail(`written as ${writer.format}, the new schema is ${reader.format}`);
        continue;
      }
      try {
        value = reader.read(wire.payload, writer);
      } catch (error) {
        fail(firstLine(error));
        continue;
      }
    }
    result.decoded.push({ partition, offset, timestamp, value });
  }
  return result;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0];
}
