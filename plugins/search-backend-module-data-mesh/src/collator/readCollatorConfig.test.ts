import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_SCHEDULE,
  readCollatorConfig,
} from './readCollatorConfig';

const withCollator = (dataMesh: object) =>
  new ConfigReader({ search: { collators: { dataMesh } } });

describe('readCollatorConfig', () => {
  it('defaults to every 10 minutes, 3 s after start, 100 products a page', () => {
    expect(readCollatorConfig(new ConfigReader({}))).toEqual({
      schedule: DEFAULT_SCHEDULE,
      batchSize: DEFAULT_BATCH_SIZE,
    });
    expect(DEFAULT_SCHEDULE).toMatchObject({
      frequency: { minutes: 10 },
      initialDelay: { seconds: 3 },
    });
  });

  it('reads the schedule and batch size', () => {
    const read = readCollatorConfig(
      withCollator({
        schedule: {
          frequency: { seconds: 5 },
          timeout: { seconds: 30 },
          initialDelay: { seconds: 1 },
        },
        batchSize: 20,
      }),
    );
    expect(read).toEqual({
      schedule: {
        frequency: { seconds: 5 },
        timeout: { seconds: 30 },
        initialDelay: { seconds: 1 },
      },
      batchSize: 20,
    });
  });

  it('names the key of a wrong value', () => {
    expect(() =>
      readCollatorConfig(withCollator({ schedule: { frequency: 'often' } })),
    ).toThrow(/search\.collators\.dataMesh\.schedule/);
    expect(() => readCollatorConfig(withCollator({ batchSize: 0 }))).toThrow(
      /search\.collators\.dataMesh\.batchSize: 0 is not a whole number from 1 to 1000/,
    );
  });
});
