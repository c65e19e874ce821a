import type { Admin } from 'kafkajs';
import { RegistryStorageTopic } from './RegistryStorageTopic';

function adminWith(fetchTopicOffsets: jest.Mock): () => Promise<Admin> {
  return async () => ({ fetchTopicOffsets } as unknown as Admin);
}

describe('RegistryStorageTopic', () => {
  it('marks the end offsets of every partition, in partition order', async () => {
    const fetchTopicOffsets = jest.fn(async () => [
      { partition: 1, high: '7', low: '0', offset: '7' },
      { partition: 0, high: '42', low: '0', offset: '42' },
    ]);
    const topic = new RegistryStorageTopic(
      adminWith(fetchTopicOffsets),
      'kafkasql-journal',
    );
    await expect(topic.position()).resolves.toBe('0:42,1:7');
    expect(fetchTopicOffsets).toHaveBeenCalledWith('kafkasql-journal');
  });

  it('gives no position when Kafka cannot be asked', async () => {
    const topic = new RegistryStorageTopic(async () => {
      throw new Error('ECONNREFUSED');
    }, '_schemas');
    await expect(topic.position()).resolves.toBeUndefined();
  });
});
