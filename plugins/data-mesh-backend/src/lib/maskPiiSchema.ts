import { NotFoundError } from '@backstage/errors';
import type { SchemaField } from '@kafka-mesh/plugin-data-mesh-common';
import type { SchemaService } from './SchemaService';

/** Reuses a small answer for a short while (the router's live cache). */
export type Remember = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/**
 * The fields of the subject's latest schema version, flattened with their
 * PII flags as the Schema tab shows them; none when nothing is registered
 * under the subject (then only `piiFields` can say what is personal).
 *
 * Samples are polled, so the registry is not asked every time: which
 * version is latest is remembered for a short while (a newly registered
 * version, perhaps with new markings, counts within seconds), and each
 * numbered version is kept by the SchemaService once fetched.
 */
export async function latestSchemaFields(
  schemas: SchemaService,
  subject: string,
  piiFields: readonly string[],
  remember: Remember,
): Promise<SchemaField[]> {
  const version = await remember<number | null>(
    `samples:latest-schema-version:${subject}`,
    async () => {
      try {
        return (await schemas.version(subject, 'latest')).version;
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
  );
  if (version === null) return [];
  return (await schemas.version(subject, version, piiFields)).fields;
}
