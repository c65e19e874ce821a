import { ConcurrencyGate } from './ConcurrencyGate';
import { TooManyRequestsError } from './TooManyRequestsError';

/** A promise the test settles when it chooses. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const gate = (limit = 2) =>
  new ConcurrencyGate({
    limit,
    retryAfterSeconds: 3,
    describe: key => `reads of '${key}'`,
  });

describe('ConcurrencyGate', () => {
  it('lets `limit` holders in per key and refuses one more with a 429 error', () => {
    const g = gate(2);
    g.enter('a');
    g.enter('a');
    let refused: unknown;
    try {
      g.enter('a');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(refused).toMatchObject({
      name: 'TooManyRequestsError',
      statusCode: 429,
      retryAfterSeconds: 3,
      message: "Too many reads of 'a' at once (at most 2); try again in 3 s",
    });
    // Another key has places of its own.
    expect(() => g.enter('b')).not.toThrow();
    expect(g.holding('a')).toBe(2);
    expect(g.holding('b')).toBe(1);
  });

  it('gives a place back once, however often its release is called', () => {
    const g = gate(2);
    const release = g.enter('a');
    g.enter('a');
    release();
    release();
    expect(g.holding('a')).toBe(1);
    g.enter('a');
    expect(() => g.enter('a')).toThrow(TooManyRequestsError);
  });

  it('holds a place while run() works and gives it back when it settles', async () => {
    const g = gate(1);
    const work = deferred<string>();
    const running = g.run('a', () => work.promise);
    expect(g.holding('a')).toBe(1);
    await expect(g.run('a', async () => 'second')).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
    work.resolve('first');
    await expect(running).resolves.toBe('first');
    expect(g.holding('a')).toBe(0);

    const failing = deferred();
    const failed = g.run('a', () => failing.promise);
    failing.reject(new Error('boom'));
    await expect(failed).rejects.toThrow('boom');
    expect(g.holding('a')).toBe(0);
  });

  it('takes a place on every key for runAll, or none', async () => {
    const g = gate(1);
    const held = g.enter('b');
    await expect(
      g.runAll(['a', 'b', 'c'], async () => 'never'),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
    // The place on 'a' taken before 'b' refused was given back.
    expect(g.holding('a')).toBe(0);
    expect(g.holding('c')).toBe(0);
    held();

    const work = deferred();
    const running = g.runAll(['a', 'b', 'a'], () => work.promise);
    expect([g.holding('a'), g.holding('b')]).toEqual([1, 1]);
    work.resolve();
    await running;
    expect([g.holding('a'), g.holding('b')]).toEqual([0, 0]);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => gate(0)).toThrow(
      'A concurrency limit must be a positive integer, not 0',
    );
  });
});
