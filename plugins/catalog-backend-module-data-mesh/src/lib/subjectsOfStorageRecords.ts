/** A record of a registry's storage topic, as read from Kafka. */
export interface StorageRecord {
  key: Buffer | null;
  value: Buffer | null;
}

function parseObject(buffer: Buffer | null): Record<string, unknown> {
  if (!buffer) return {};
  try {
    const parsed = JSON.parse(buffer.toString('utf8'));
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * Apicurio's journal also carries housekeeping that changes no schema
 * fact: it expires export downloads every few minutes, which would
 * otherwise read as "something global changed" each time.
 */
const HOUSEKEEPING =
  /^(DeleteAllExpiredDownloads|CreateDownload|ConsumeDownload)\d*Message$/;

/** The subject a record is about: Apicurio names it `artifactId` in the value, Confluent `subject` in the key. */
function subjectOf(record: StorageRecord): string | undefined {
  const value = parseObject(record.value);
  const key = parseObject(record.key);
  const named = [value.artifactId, value.subject, key.subject, key.artifactId];
  return named.find((n): n is string => typeof n === 'string' && n !== '');
}

function isHousekeeping(record: StorageRecord): boolean {
  const { messageType } = parseObject(record.key);
  return typeof messageType === 'string' && HOUSEKEEPING.test(messageType);
}

/**
 * The subjects that records of a registry's storage topic changed, or `all`
 * when one of them changed something else or cannot be read: a global
 * compatibility rule, an import, a format we do not know. Records without
 * a value that name no subject (Apicurio's bootstrap marker, Confluent's
 * NOOP) and Apicurio's housekeeping change nothing.
 */
export function subjectsOfStorageRecords(
  records: StorageRecord[],
): Set<string> | 'all' {
  const subjects = new Set<string>();
  for (const record of records) {
    const subject = subjectOf(record);
    if (subject) subjects.add(subject);
    else if (record.value && !isHousekeeping(record)) return 'all';
  }
  return subjects;
}
