import * as protobuf from 'protobufjs';
import { childPath } from '../fieldPath';
import { branchesAt, OPTIONAL_DEPTH } from './syntheticFaker';
import { LimitCheck } from './syntheticLimits';

/** The most items or entries `protobufRecords` puts in a repeated field or map. */
export const PROTOBUF_MAX_COLLECTION = 3;

/** Google's Timestamp is generated as its two numbers. */
const TIMESTAMP = '.google.protobuf.Timestamp';

/** Whether a field holds a scalar rather than a message. */
export const isProtobufLeaf = (field: protobuf.Field) => {
  field.resolve();
  return !(field.resolvedType instanceof protobuf.Type);
};

/**
 * The most values one record of a message can take, walking the message as
 * `protobufRecords` generates from it: every field set, repeated fields
 * and maps at their largest, the largest member of a oneof. Field counts,
 * depth and the per-record total are checked on the way, so nothing is
 * generated for a schema beyond the limits.
 *
 * @throws InputError naming the limit a schema exceeds
 */
export function protobufWorstCase(
  root: protobuf.Type,
  check: LimitCheck,
): number {
  function message(
    type: protobuf.Type,
    path: string,
    depth: number,
    level: number,
  ): number {
    check.visit(level, path);
    if (type.fullName === TIMESTAMP) return 3;
    check.size('maxFields', type.fieldsArray.length, path, 'fields');
    let values = 1;
    for (const oneof of type.oneofsArray) {
      const members = oneof.fieldsArray;
      // A proto3 `optional` (a oneof of one) is left unset deep down.
      if (members.length === 1 && depth >= OPTIONAL_DEPTH) continue;
      values += Math.max(
        0,
        ...branchesAt(members, depth, isProtobufLeaf).map(member =>
          field(member, path, depth, level),
        ),
      );
    }
    for (const member of type.fieldsArray) {
      if (!member.partOf) values += field(member, path, depth, level);
    }
    return values;
  }

  function field(
    member: protobuf.Field,
    parentPath: string,
    depth: number,
    level: number,
  ): number {
    member.resolve();
    const path = childPath(parentPath, member.name);
    // Collections are empty once the messages nest deep.
    const size = depth >= OPTIONAL_DEPTH ? 0 : PROTOBUF_MAX_COLLECTION;
    if (member instanceof protobuf.MapField) {
      return 1 + (size && size * (1 + single(member, path, depth, level)));
    }
    if (member.repeated) {
      return 1 + (size && size * single(member, path, depth, level));
    }
    if (
      member.resolvedType instanceof protobuf.Type &&
      !member.partOf &&
      depth >= OPTIONAL_DEPTH
    ) {
      return 0; // left unset, as the generator does
    }
    return single(member, path, depth, level);
  }

  function single(
    member: protobuf.FieldBase,
    path: string,
    depth: number,
    level: number,
  ): number {
    return member.resolvedType instanceof protobuf.Type
      ? message(member.resolvedType, path, depth + 1, level + 1)
      : 1;
  }

  return check.perRecord(message(root, '', 0, 0));
}
