import { PORTAL_CONSUMER_GROUP_PREFIX } from '@kafka-mesh/plugin-data-mesh-common';
import {
  KafkaCluster,
  readOffsetRanges,
} from '@kafka-mesh/plugin-data-mesh-node';
import { subjectsOfStorageRecords } from './subjectsOfStorageRecords';

/** What a registry had written to since a mark. */
export interface RegistryChanges {
  /** Where the registry stands now; the `since` of the next question. */
  mark: string;
  /** The subjects written to since `since`; `all` when that cannot be told. */
  subjects: ReadonlySet<string> | 'all';
}

/** Tells which of a schema registry's subjects may answer differently than before. */
export interface RegistryChangeSignal {
  /** Undefined when the signal cannot be read (ask the registry as if there were none). */
  changesSince(since: string | undefined): Promise<RegistryChanges | undefined>;
}

/** Consumer groups of these reads; they never commit. */
const GROUP_PREFIX = `${PORTAL_CONSUMER_GROUP_PREFIX}registry-changes-`;
/** Bounds on reading what was appended: a refresh must not hang on it. */
const READ_DEADLINE_MS = 15_000;
const CONNECT_TIMEOUT_MS = 5_000;

/** A mark is the end offset of every partition: `0:42,1:7`. */
const encodeMark = (ends: Map<number, bigint>) =>
  [...ends]
    .sort(([a], [b]) => a - b)
    .map(([partition, high]) => `${partition}:${high}`)
    .join(',');

const decodeMark = (mark: string) =>
  new Map(
    mark.split(',').map(part => {
      const [partition, high] = part.split(':');
      return [Number(partition), BigInt(high)] as const;
    }),
  );

/**
 * The Kafka topic a registry keeps its state in (Apicurio's kafkasql
 * journal, Confluent's `_schemas`). Every registration, deletion and
 * compatibility change appends a record naming its subject, so the end
 * offsets say whether anything changed (one Kafka request, no registry
 * request) and the records appended since say what.
 */
export class RegistryStorageTopic implements RegistryChangeSignal {
  constructor(
    private readonly options: {
      cluster: Pick<KafkaCluster, 'admin' | 'reading'>;
      topic: string;
    },
  ) {}

  async changesSince(
    since: string | undefined,
  ): Promise<RegistryChanges | undefined> {
    const { cluster, topic } = this.options;
    try {
      const offsets = await cluster.admin(
        'fetching registry storage offsets',
        admin => admin.fetchTopicOffsets(topic),
        { topic },
      );
      const ends = new Map(offsets.map(o => [o.partition, BigInt(o.high)]));
      const mark = encodeMark(ends);
      if (since === undefined) return { mark, subjects: 'all' };
      const from = decodeMark(since);
      // A topic that shrank was recreated: nothing before can be trusted.
      if ([...from].some(([p, offset]) => (ends.get(p) ?? -1n) < offset)) {
        return { mark, subjects: 'all' };
      }
      const ranges = [...ends]
        .filter(([p, high]) => high > (from.get(p) ?? 0n))
        .map(([partition, high]) => ({
          topic,
          partition,
          from: from.get(partition) ?? 0n,
          last: high - 1n,
        }));
      if (ranges.length === 0) return { mark, subjects: new Set() };
      // A short read: one place of the cluster's bounded pool of readers.
      const records = await cluster.reading(kafka =>
        readOffsetRanges(kafka, ranges, {
          deadlineMs: READ_DEADLINE_MS,
          connectTimeoutMs: CONNECT_TIMEOUT_MS,
          groupPrefix: GROUP_PREFIX,
        }),
      );
      const complete = ranges.every(range =>
        records.some(
          r =>
            r.partition === range.partition && BigInt(r.offset) === range.last,
        ),
      );
      return {
        mark,
        subjects: complete ? subjectsOfStorageRecords(records) : 'all',
      };
    } catch {
      // Kafka away or the topic gone (NotFoundError): no signal this time.
      return undefined;
    }
  }
}
