import { NotFoundError } from '@backstage/errors';
import { fakeCluster } from '../__testUtils__/fakeCluster';
import { RegistryStorageTopic } from './RegistryStorageTopic';

// Reading what was appended needs a real consumer: covered by
// SchemaInspector.integration.test.ts on the local stack's journal.
function topicWith(fetchTopicOffsets: jest.Mock) {
  return new RegistryStorageTopic({
    cluster: fakeCluster({ fetchTopicOffsets }),
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

  it('names its topic to the shared admin, so that a missing one is told apart', async () => {
    const cluster = fakeCluster({ fetchTopicOffsets: offsets });
    const call = jest.spyOn(cluster, 'admin');
    await new RegistryStorageTopic({
      cluster,
      topic: 'kafkasql-journal',
    }).changesSince(undefined);
    expect(call).toHaveBeenCalledWith(
      expect.any(String),
      expect.any(Function),
      {
        topic: 'kafkasql-journal',
      },
    );
  });

  it('gives no answer when the topic does not exist', async () => {
    const missing = jest.fn(async () => {
      throw new NotFoundError('no such topic');
    });
    await expect(
      topicWith(missing).changesSince('0:42,1:7'),
    ).resolves.toBeUndefined();
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
