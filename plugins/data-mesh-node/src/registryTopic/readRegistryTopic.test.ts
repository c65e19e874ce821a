import { KafkaUnavailableError } from '../kafka/errors';
import { RegistryTopicMissingError } from './errors';
import { readRegistryTopic } from './readRegistryTopic';
import type { RegistryRecord } from './RegistryRecord';
import type {
  RegistryTopicCluster,
  RegistryTopicReaderOptions,
} from './RegistryTopicReader';

// The reader is scripted: each test says what it tells its listener.
let script: (options: RegistryTopicReaderOptions) => Promise<void>;
const stop = jest.fn(async () => {});
jest.mock('./RegistryTopicReader', () => ({
  RegistryTopicReader: jest.fn((options: RegistryTopicReaderOptions) => ({
    run: () => script(options),
    stop,
  })),
}));

const cluster = { name: 'local' } as RegistryTopicCluster;
const record = (offset: number, key = 'default/orders'): RegistryRecord => ({
  partition: 0,
  offset: String(offset),
  key: Buffer.from(key),
  value: Buffer.from('{}'),
});

describe('readRegistryTopic', () => {
  beforeEach(() => stop.mockClear());

  it('resolves with the records of the pass once it caught up, and stops the reader', async () => {
    script = async ({ listener }) => {
      listener.onPassStart();
      await listener.onRecords([record(0), record(1)]);
      await listener.onCaughtUp();
      // Followed records after catching up are not the snapshot's.
      await listener.onRecords([record(2)]);
    };
    const records = await readRegistryTopic(cluster, 'registry');
    expect(records.map(r => r.offset)).toEqual(['0', '1']);
    expect(stop).toHaveBeenCalled();
  });

  it('drops the records of an earlier pass', async () => {
    script = async ({ listener }) => {
      listener.onPassStart();
      await listener.onRecords([record(0), record(1)]);
      listener.onPassStart();
      await listener.onRecords([record(1)]);
      await listener.onCaughtUp();
    };
    const records = await readRegistryTopic(cluster, 'registry');
    expect(records.map(r => r.offset)).toEqual(['1']);
  });

  it('reads a missing topic as no records', async () => {
    script = async ({ listener }) => {
      listener.onRegistryTopicMissing(
        new RegistryTopicMissingError('local', 'registry'),
      );
    };
    await expect(readRegistryTopic(cluster, 'registry')).resolves.toEqual([]);
    expect(stop).toHaveBeenCalled();
  });

  it('rejects on the first outage as unavailable, keeping the cause', async () => {
    const cause = new Error('Connection refused');
    script = async ({ listener }) => listener.onOutage(cause);
    const read = readRegistryTopic(cluster, 'registry');
    await expect(read).rejects.toThrow(KafkaUnavailableError);
    await expect(read).rejects.toMatchObject({ cause });
    await expect(read).rejects.toThrow(
      "Reading the registry topic 'registry' of Kafka cluster 'local' failed",
    );
    expect(stop).toHaveBeenCalled();
  });

  it('passes an outage that is already unavailable on as it is', async () => {
    const outage = new KafkaUnavailableError('admin call failed');
    script = async ({ listener }) => listener.onOutage(outage);
    await expect(readRegistryTopic(cluster, 'registry')).rejects.toBe(outage);
  });

  it('rejects when the pass does not catch up in time', async () => {
    script = async ({ listener }) => {
      listener.onPassStart();
      await listener.onRecords([record(0)]);
    };
    await expect(
      readRegistryTopic(cluster, 'registry', { timeoutMs: 50 }),
    ).rejects.toThrow(
      "Timed out after 0 s reading the registry topic 'registry' of Kafka cluster 'local' (1 records read)",
    );
    expect(stop).toHaveBeenCalled();
  });
});
