import {
  COMPATIBILITY_LEVELS,
  CompatibilityLevel,
  OutputFormat,
} from '@kafka-mesh/plugin-data-mesh-common';
import type { SubjectVersion } from '../registry/SchemaRegistryRestClient';
import { describeIncompatibilities } from '../schema/compatibility/describeIncompatibilities';
import { parseSchema, ParsedSchema } from '../schema/parseSchema';
import { SchemaSyntaxError } from '../schema/SchemaSyntaxError';
import type { DataMeshClients } from './DataMeshClients';

/**
 * What the registry holds under a subject, read once per check.
 *
 * @public
 */
export interface SubjectState {
  latest?: SubjectVersion;
  /** The subject's level, or the registry's global one for a new subject. */
  level?: CompatibilityLevel;
}

/** @public */
export async function readSubject(
  clients: DataMeshClients,
  subject: string,
): Promise<SubjectState> {
  const [latest, level] = await Promise.all([
    clients.registry.latestVersion(subject),
    clients.registry.compatibility(subject),
  ]);
  return {
    latest,
    level: (COMPATIBILITY_LEVELS as readonly (string | undefined)[]).includes(
      level,
    )
      ? (level as CompatibilityLevel)
      : undefined,
  };
}

/**
 * The schema text, parsed, or the syntax error in words with its position.
 *
 * @public
 */
export function parseOrExplain(
  format: OutputFormat,
  content: string,
): { parsed: ParsedSchema } | { problem: string } {
  try {
    return { parsed: parseSchema(format, content) };
  } catch (error) {
    if (error instanceof SchemaSyntaxError) return { problem: error.message };
    throw error;
  }
}

/** Indented sentences under a headline. */
function incompatible(
  level: string,
  version: number,
  subject: string,
  sentences: string[],
): string {
  return `the schema is not ${level} compatible with the subject '${subject}' (newest version ${version}):\n${sentences
    .map(s => `    - ${s}`)
    .join('\n')}`;
}

/**
 * Why `next` cannot follow the subject's versions, with one sentence per
 * incompatibility, or nothing when it can. The registry decides under the
 * subject's current level. When `level` differs (the level is about to
 * change), `next` must also pass under `level` against the newest version,
 * so that changing the level never lets an incompatible schema in.
 *
 * @public
 */
export async function incompatibilities(
  clients: DataMeshClients,
  subject: string,
  state: SubjectState,
  next: ParsedSchema,
  level: CompatibilityLevel | undefined,
): Promise<string[]> {
  const { latest } = state;
  if (!latest) return [];
  const verdict = await clients.registry.testCompatibility(subject, {
    schema: next.text,
    schemaType: next.schemaType,
  });
  if (!verdict.compatible) {
    return [
      incompatible(
        state.level ?? 'its current level',
        latest.version,
        subject,
        verdict.messages,
      ),
    ];
  }
  if (
    !level ||
    level === state.level ||
    latest.schemaType !== next.schemaType
  ) {
    return [];
  }
  let sentences: string[];
  try {
    sentences = describeIncompatibilities(
      next.format,
      latest.schema,
      next.text,
      level,
    );
  } catch (error) {
    // A registered schema this parser cannot read: the registry's verdict stands.
    if (error instanceof SchemaSyntaxError) return [];
    throw error;
  }
  return sentences.length > 0
    ? [incompatible(level, latest.version, subject, sentences)]
    : [];
}
