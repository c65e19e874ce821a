import type {
  CompatibilityLevel,
  OutputFormat,
} from '@kafka-mesh/plugin-data-mesh-common';
import { avroIncompatibilities } from './avroIncompatibilities';
import {
  directionsOf,
  Direction,
  Incompatibility,
  toSentences,
} from './incompatibility';
import { jsonSchemaIncompatibilities } from './jsonSchemaIncompatibilities';
import { protobufIncompatibilities } from './protobufIncompatibilities';

const COMPARERS: Record<
  OutputFormat,
  (previous: string, next: string, directions: Direction[]) => Incompatibility[]
> = {
  avro: avroIncompatibilities,
  json: jsonSchemaIncompatibilities,
  protobuf: protobufIncompatibilities,
};

/**
 * Why `next` may not follow `previous` under a compatibility level, one
 * plain-English sentence per incompatible change; empty when compatible.
 * The registry gives only a yes/no (Apicurio's `verbose` answer carries no
 * messages), so the differences are computed here. A transitive level
 * compares the same pair; callers pass each earlier version in turn.
 *
 * @throws SchemaSyntaxError when either schema does not parse
 *
 * @public
 */
export function describeIncompatibilities(
  format: OutputFormat,
  previous: string,
  next: string,
  level: CompatibilityLevel,
): string[] {
  const directions = directionsOf(level);
  if (!directions.length) return [];
  return toSentences(COMPARERS[format](previous, next, directions));
}
