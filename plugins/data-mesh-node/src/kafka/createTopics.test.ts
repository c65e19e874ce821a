import type { Admin } from 'kafkajs';
import { createTopics } from './createTopics';

const topics = [{ topic: 'a.b.v1', numPartitions: 2 }];
const led = {
  topics: [
    {
      name: 'a.b.v1',
      partitions: [
        { partitionId: 0, leader: 1 },
        { partitionId: 1, leader: 1 },
      ],
    },
  ],
};

function adminAnswering(...answers: Array<object | Error>) {
  const fetchTopicMetadata = jest.fn();
  for (const answer of answers) {
    if (answer instanceof Error)
      fetchTopicMetadata.mockRejectedValueOnce(answer);
    else fetchTopicMetadata.mockResolvedValueOnce(answer);
  }
  const admin = {
    createTopics: jest.fn().mockResolvedValue(true),
    fetchTopicMetadata,
  } as unknown as Admin;
  return { admin, fetchTopicMetadata };
}

const brokerError = (type: string) =>
  Object.assign(new Error(`broker says ${type}`), { type });

describe('createTopics', () => {
  it('waits through the errors of a topic whose metadata is still spreading', async () => {
    const { admin, fetchTopicMetadata } = adminAnswering(
      brokerError('UNKNOWN_TOPIC_OR_PARTITION'),
      brokerError('LEADER_NOT_AVAILABLE'),
      {
        topics: [
          { name: 'a.b.v1', partitions: [{ partitionId: 0, leader: -1 }] },
        ],
      },
      led,
    );
    await expect(createTopics(admin, { topics })).resolves.toBe(true);
    expect(fetchTopicMetadata).toHaveBeenCalledTimes(4);
    expect(admin.createTopics).toHaveBeenCalledWith({
      topics,
      waitForLeaders: false,
    });
  });

  it('passes on any other error', async () => {
    const { admin } = adminAnswering(brokerError('TOPIC_AUTHORIZATION_FAILED'));
    await expect(createTopics(admin, { topics })).rejects.toThrow(
      'broker says TOPIC_AUTHORIZATION_FAILED',
    );
  });

  it('gives up after the timeout, naming the topics', async () => {
    const { admin } = adminAnswering(
      ...Array(50).fill(brokerError('UNKNOWN_TOPIC_OR_PARTITION')),
    );
    await expect(
      createTopics(admin, { topics, timeoutMs: 150 }),
    ).rejects.toThrow(
      'Kafka created a.b.v1 but gave no partition leader within 150 ms',
    );
  });
});
