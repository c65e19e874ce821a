import type { Admin, Kafka } from 'kafkajs';
import { RegistryStorageTopic } from './RegistryStorageTopic';

// Reading what was appended needs a real consumer: covered by
// SchemaInspector.integration.test.ts on the local stack's journal.
function topicWith(fetchTopicOffsets: jest.Mock) {
  return new RegistryStorageTopic({
    kafka: {} as Kafka,
    admin: async () => ({ fetchTopicOffsets } as unknown as Admin),
    topic: 'kafkasql-journal',
  });
}

describe('RegistryStorageTopic', () => {
  const offsets = jest.fn(async () => [
    { partition: 1, high: '7', low: '0', offset: '7' },
    { partition: 0, high: '42', low: '0', offset: '42' },
  ]);

  it('marks the end offsets of every partition; with no mark before, everything may have changed', async () => {
    await expect(topicWith(offsets).changesSince(undefined)).resolves.toEqual({
      mark: '0:42,1:7',
      subjects: 'all',
    });
    expect(offsets).toHaveBeenCalledWith('kafkasql-journal');
  });

  it('reports nothing changed while the end offsets stay', async () => {
    await expect(topicWith(offsets).changesSince('0:42,1:7')).resolves.toEqual({
      mark: '0:42,1:7',
      subjects: new Set(),
    });
  });

  it('says all when the topic shrank (it was recreated)', async () => {
    await expect(topicWith(offsets).changesSince('0:50,1:7')).resolves.toEqual({
      mark: '0:42,1:7',
      subjects: 'all',
    });
  });

  it('gives no answer when Kafka cannot be asked', async () => {
    const failing = jest.fn(async () => {
      throw new Error('ECONNREFUSED');
    });
    await expect(
      topicWith(failing).changesSince('0:42,1:7'),
    ).resolves.toBeUndefined();
  });
});
