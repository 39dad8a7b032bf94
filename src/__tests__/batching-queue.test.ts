import { BatchingQueue } from '../server/realtime/batching-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A queue whose batches are recorded and each held until the test releases it. */
const heldQueue = (options = { concurrency: 4, batchSize: 3 }) => {
  const started: number[][] = [];
  const ended: number[][] = [];
  const releases: (() => void)[] = [];
  const queue = new BatchingQueue<number>(
    async (keys) => {
      started.push(keys);
      await new Promise<void>((resolve) => releases.push(resolve));
      ended.push(keys);
    },
    options,
    () => undefined,
  );
  return { queue, started, ended, release: (i: number) => releases[i]() };
};

describe('BatchingQueue', () => {
  it('merges the keys added in one tick and runs them in batches of at most batchSize, in the order added', async () => {
    const batches: number[][] = [];
    const queue = new BatchingQueue<number>(async (keys) => void batches.push(keys), { concurrency: 4, batchSize: 3 }, () => undefined);
    [1, 2, 1, 3, 4, 2, 5, 6, 7].forEach((key) => queue.add(key));
    await queue.idle();
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('never runs more batches than its concurrency at once', async () => {
    const { queue, started, release } = heldQueue({ concurrency: 2, batchSize: 2 });
    for (let key = 0; key < 8; key++) queue.add(key);
    await tick();
    expect(started).toEqual([[0, 1], [2, 3]]);
    release(0);
    await tick();
    expect(started).toEqual([[0, 1], [2, 3], [4, 5]]);
    [1, 2].forEach(release);
    await tick();
    release(3);
    await queue.idle();
    expect(started).toHaveLength(4);
  });

  it('keeps a key added while its batch runs for a later batch, never in two running batches, while other keys go on', async () => {
    const { queue, started, ended, release } = heldQueue();
    [1, 2].forEach((key) => queue.add(key));
    await tick();
    [2, 3].forEach((key) => queue.add(key));
    await tick();
    // 3 runs at once; 2 waits for the batch that holds it
    expect(started).toEqual([[1, 2], [3]]);
    release(1);
    await tick();
    expect(started).toEqual([[1, 2], [3]]);
    release(0);
    await tick();
    expect(started).toEqual([[1, 2], [3], [2]]);
    release(2);
    await queue.idle();
    expect(ended).toEqual([[3], [1, 2], [2]]);
  });

  it('reports a failed batch with its keys and goes on with the next', async () => {
    const failed: unknown[] = [];
    const done: number[][] = [];
    const queue = new BatchingQueue<number>(
      async (keys) => {
        if (keys.includes(1)) throw new Error('boom');
        done.push(keys);
      },
      { concurrency: 1, batchSize: 2 },
      (error, keys) => failed.push([keys, (error as Error).message]),
    );
    [1, 2, 3].forEach((key) => queue.add(key));
    await queue.idle();
    queue.add(1);
    queue.add(4);
    await queue.idle();
    expect(failed).toEqual([[[1, 2], 'boom'], [[1, 4], 'boom']]);
    expect(done).toEqual([[3]]);
  });

  it('is idle at once when nothing was added, and once every batch has ended otherwise', async () => {
    const { queue, ended, release } = heldQueue();
    await queue.idle();
    queue.add(1);
    let idle = false;
    const waiting = queue.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    release(0);
    await waiting;
    expect(ended).toEqual([[1]]);
  });
});
