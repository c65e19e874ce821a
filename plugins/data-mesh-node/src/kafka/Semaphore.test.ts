import { Semaphore } from './Semaphore';

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most `limit` at once and the rest in order', async () => {
    const semaphore = new Semaphore(2);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const runs = [0, 1, 2, 3].map(i =>
      semaphore.run(async () => {
        started.push(i);
        await new Promise<void>(resolve => {
          finish[i] = resolve;
        });
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    finish[0]();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    finish[1]();
    finish[2]();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    finish[3]();
    await Promise.all(runs);
  });

  it('gives the place back when the work fails', async () => {
    const semaphore = new Semaphore(1);
    await expect(
      semaphore.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });
});
