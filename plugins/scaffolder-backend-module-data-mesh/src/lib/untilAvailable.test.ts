import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { untilAvailable } from './untilAvailable';

describe('untilAvailable', () => {
  it('runs the step again while it is unavailable, then returns its result', async () => {
    const step = jest
      .fn()
      .mockRejectedValueOnce(new ServiceUnavailableError('down'))
      .mockRejectedValueOnce(new ServiceUnavailableError('still down'))
      .mockResolvedValue('done');
    const retries: string[] = [];
    await expect(
      untilAvailable(step, { onRetry: e => retries.push(e.message) }),
    ).resolves.toBe('done');
    expect(retries).toEqual(['down', 'still down']);
  });

  it('passes other errors on at once', async () => {
    const step = jest.fn().mockRejectedValue(new InputError('bad input'));
    await expect(untilAvailable(step)).rejects.toThrow('bad input');
    expect(step).toHaveBeenCalledTimes(1);
  });

  it('gives up with the outage once the wait is over', async () => {
    const step = jest
      .fn()
      .mockRejectedValue(new ServiceUnavailableError('down'));
    await expect(untilAvailable(step, { waitMs: 0 })).rejects.toThrow('down');
    expect(step).toHaveBeenCalledTimes(1);
  });
});
