import * as avro from 'avsc';
import { childPath } from '../fieldPath';
import { branchesAt, OPTIONAL_DEPTH } from './syntheticFaker';
import { LimitCheck, textValues } from './syntheticLimits';

/** The most items or entries `avroRecords` puts in an array or map. */
export const AVRO_MAX_COLLECTION = 3;

/** Whether a type gives a scalar: no record, array or map in it. */
export const isAvroLeaf = (type: avro.Type) =>
  !['record', 'error', 'array', 'map'].includes(type.typeName);

/**
 * The most values one record of an Avro schema can take, walking the
 * parsed type as `avroRecords` generates from it: arrays and maps at their
 * largest, the largest branch of a union. Sizes, depth and the per-record
 * total are checked on the way, so nothing is generated for a schema
 * beyond the limits.
 *
 * @throws InputError naming the limit a schema exceeds
 */
export function avroWorstCase(root: avro.Type, check: LimitCheck): number {
  function walk(
    type: avro.Type,
    path: string,
    depth: number,
    level: number,
  ): number {
    check.visit(level, path);
    // The logical types `avroRecords` keeps are scalars (decimals at most
    // 15 digits), but a decimal on a fixed fills the fixed's size.
    const underlying =
      type instanceof avro.types.LogicalType ? type.underlyingType : type;
    if (underlying.typeName === 'fixed') {
      const bytes = (underlying as avro.types.FixedType).size;
      check.size('maxStringLength', bytes, path, 'fixed size', 'bytes');
      return textValues(bytes * 2); // drawn as hex digits
    }
    if (type instanceof avro.types.LogicalType) return 1;
    // Collections are empty once the records nest deep.
    const size = depth >= OPTIONAL_DEPTH ? 0 : AVRO_MAX_COLLECTION;
    switch (type.typeName) {
      case 'array': {
        const items = (type as avro.types.ArrayType).itemsType;
        return 1 + (size && size * walk(items, path, depth, level + 1));
      }
      case 'map': {
        const values = (type as avro.types.MapType).valuesType;
        return 1 + (size && size * (1 + walk(values, path, depth, level + 1)));
      }
      case 'record':
      case 'error': {
        const { fields } = type as avro.types.RecordType;
        check.size('maxFields', fields.length, path, 'fields');
        let values = 1;
        for (const field of fields) {
          values += walk(
            field.type,
            childPath(path, field.name),
            depth + 1,
            level + 1,
          );
        }
        return values;
      }
      case 'union:unwrapped':
      case 'union:wrapped': {
        const branches = (type as avro.types.UnwrappedUnionType).types;
        const nonNull = branches.filter(t => t.typeName !== 'null');
        // Deep down the generator always takes null when it may.
        if (nonNull.length < branches.length && depth >= OPTIONAL_DEPTH) {
          return 1;
        }
        return (
          1 +
          Math.max(
            0,
            ...branchesAt(nonNull, depth, isAvroLeaf).map(t =>
              walk(t, path, depth, level + 1),
            ),
          )
        );
      }
      default:
        return 1;
    }
  }
  return check.perRecord(walk(root, '', 0, 0));
}
