import { InFlight } from './InFlight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InFlight', () => {
  it('runs the work once for callers that ask while it is under way', async () => {
    const inFlight = new InFlight();
    const read = deferred<number>();
    const work = jest.fn(() => read.promise);
    const first = inFlight.share('health:local/t', work);
    const second = inFlight.share('health:local/t', work);
    expect(work).toHaveBeenCalledTimes(1);
    read.resolve(7);
    await expect(Promise.all([first, second])).resolves.toEqual([7, 7]);
  });

  it('keeps other keys apart', async () => {
    const inFlight = new InFlight();
    const a = inFlight.share('a', async () => 'a');
    const b = inFlight.share('b', async () => 'b');
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 'b']);
  });

  it('shares a failure, then forgets it so the next caller tries again', async () => {
    const inFlight = new InFlight();
    const read = deferred<number>();
    const first = inFlight.share('k', () => read.promise);
    const second = inFlight.share('k', async () => 0);
    read.reject(new Error('Kafka is unavailable'));
    await expect(first).rejects.toThrow('Kafka is unavailable');
    await expect(second).rejects.toThrow('Kafka is unavailable');
    expect(inFlight.size).toBe(0);
    await expect(inFlight.share('k', async () => 1)).resolves.toBe(1);
  });

  it('keeps nothing once the work settled', async () => {
    const inFlight = new InFlight();
    const work = jest.fn(async () => 'x');
    await inFlight.share('k', work);
    await inFlight.share('k', work);
    expect(work).toHaveBeenCalledTimes(2);
    expect(inFlight.size).toBe(0);
  });

  it('turns a synchronous throw into the shared failure', async () => {
    const inFlight = new InFlight();
    await expect(
      inFlight.share('k', () => {
        throw new Error('bad key');
      }),
    ).rejects.toThrow('bad key');
    expect(inFlight.size).toBe(0);
  });
});
