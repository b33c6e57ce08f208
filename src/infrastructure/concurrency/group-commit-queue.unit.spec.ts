import { setImmediate as tick } from 'node:timers/promises';
import { GroupCommitQueue, type Settled } from './group-commit-queue';

/** A flush that holds each batch until the test answers it, and records what each batch held. */
class HeldFlush {
  readonly batches: string[][] = [];
  private readonly answers: ((outcomes: Settled<string>[] | Error) => void)[] = [];

  flush = (items: string[]): Promise<Settled<string>[]> => {
    this.batches.push(items);
    return new Promise((resolve, reject) =>
      this.answers.push((o) => (o instanceof Error ? reject(o) : resolve(o))),
    );
  };

  /** Answers the oldest unanswered batch: each item ok as `<item>!`, except those in `failing`. */
  answer(failing: string[] = []): void {
    const batch = this.batches[this.batches.length - this.answers.length] ?? [];
    this.answers.shift()?.(
      batch.map((item) =>
        failing.includes(item)
          ? { ok: false, error: new Error(`${item} failed`) }
          : { ok: true, value: `${item}!` },
      ),
    );
  }

  fail(error: Error): void {
    this.answers.shift()?.(error);
  }
}

describe('GroupCommitQueue', () => {
  it('sends an item at once, alone, while a slot is free', async () => {
    const held = new HeldFlush();
    const queue = new GroupCommitQueue(held.flush, 2, 10);
    const a = queue.submit('a');
    expect(held.batches).toEqual([['a']]);
    held.answer();
    await expect(a).resolves.toBe('a!');
  });

  it('gathers what arrives while every slot is busy into the next batch, in order', async () => {
    const held = new HeldFlush();
    const queue = new GroupCommitQueue(held.flush, 2, 10);
    const results = ['a', 'b', 'c', 'd', 'e'].map((x) => queue.submit(x));
    expect(held.batches).toEqual([['a'], ['b']]); // c, d, e wait for a slot
    held.answer();
    await tick();
    expect(held.batches).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    held.answer();
    held.answer();
    await expect(Promise.all(results)).resolves.toEqual(['a!', 'b!', 'c!', 'd!', 'e!']);
  });

  it('keeps a batch to maxBatch items', async () => {
    const held = new HeldFlush();
    const queue = new GroupCommitQueue(held.flush, 1, 2);
    const results = ['a', 'b', 'c', 'd', 'e'].map((x) => queue.submit(x));
    for (let i = 0; i < 3; i++) {
      held.answer();
      await tick();
    }
    expect(held.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    await expect(Promise.all(results)).resolves.toHaveLength(5);
  });

  it("gives each item its own outcome: one item's error is not its batch's", async () => {
    const held = new HeldFlush();
    const queue = new GroupCommitQueue(held.flush, 1, 10);
    const a = queue.submit('a');
    const b = queue.submit('b');
    const c = queue.submit('c');
    held.answer();
    await tick();
    held.answer(['b']);
    await expect(a).resolves.toBe('a!');
    await expect(b).rejects.toThrow('b failed');
    await expect(c).resolves.toBe('c!');
  });

  it('rejects every item of a batch whose flush throws, and goes on with the next', async () => {
    const held = new HeldFlush();
    const queue = new GroupCommitQueue(held.flush, 1, 10);
    const a = queue.submit('a');
    const b = queue.submit('b');
    const c = queue.submit('c');
    held.fail(new Error('connection lost'));
    await expect(a).rejects.toThrow('connection lost');
    await tick();
    held.fail(new Error('still lost'));
    await expect(Promise.allSettled([b, c])).resolves.toEqual([
      { status: 'rejected', reason: new Error('still lost') },
      { status: 'rejected', reason: new Error('still lost') },
    ]);
    const d = queue.submit('d');
    held.answer();
    await expect(d).resolves.toBe('d!');
  });
});
