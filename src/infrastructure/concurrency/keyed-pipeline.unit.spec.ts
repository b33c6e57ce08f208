import { setImmediate as tick } from 'node:timers/promises';
import { runKeyed } from './keyed-pipeline';

interface Item {
  id: string;
  key?: string;
}

/** Handles items when the test releases them, and records the order things happen in. */
class Scripted {
  readonly log: string[] = [];
  private readonly gates = new Map<string, { release: () => void; fail: (e: Error) => void }>();

  handle = (item: Item): Promise<void> => {
    this.log.push(`start ${item.id}`);
    return new Promise<void>((resolve, reject) => {
      this.gates.set(item.id, {
        release: () => {
          this.log.push(`end ${item.id}`);
          resolve();
        },
        fail: (e) => {
          this.log.push(`fail ${item.id}`);
          reject(e);
        },
      });
    });
  };

  started(id: string): boolean {
    return this.gates.has(id);
  }

  async release(id: string): Promise<void> {
    await until(() => this.started(id));
    this.gates.get(id)?.release();
    await tick();
  }

  async fail(id: string, message: string): Promise<void> {
    await until(() => this.started(id));
    this.gates.get(id)?.fail(new Error(message));
    await tick();
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await tick();
  if (!condition()) throw new Error('condition never held');
}

const keyOf = (item: Item) => item.key;

describe('runKeyed', () => {
  it('overlaps different keys and keeps one key in order', async () => {
    const s = new Scripted();
    const items = [
      { id: 'a1', key: 'a' },
      { id: 'b1', key: 'b' },
      { id: 'a2', key: 'a' },
    ];
    const run = runKeyed(items, keyOf, s.handle, 8);
    await tick();
    expect(s.started('a1') && s.started('b1')).toBe(true);
    expect(s.started('a2')).toBe(false); // behind a1
    await s.release('b1');
    expect(s.started('a2')).toBe(false);
    await s.release('a1');
    await s.release('a2');
    await expect(run).resolves.toEqual({ done: 3, failure: null });
    expect(s.log.indexOf('end a1')).toBeLessThan(s.log.indexOf('start a2'));
  });

  it('runs a barrier alone: after everything before it, before everything after it', async () => {
    const s = new Scripted();
    const items = [{ id: 'a1', key: 'a' }, { id: 'b1', key: 'b' }, { id: 'barrier' }, { id: 'c1', key: 'c' }];
    const run = runKeyed(items, keyOf, s.handle, 8);
    await s.release('b1');
    expect(s.started('barrier')).toBe(false);
    await s.release('a1');
    await s.release('barrier');
    await s.release('c1');
    await expect(run).resolves.toEqual({ done: 4, failure: null });
    expect(s.log).toEqual([
      'start a1',
      'start b1',
      'end b1',
      'end a1',
      'start barrier',
      'end barrier',
      'start c1',
      'end c1',
    ]);
  });

  it('has at most `limit` items running', async () => {
    const s = new Scripted();
    const items = ['a', 'b', 'c', 'd'].map((k) => ({ id: k, key: k }));
    const run = runKeyed(items, keyOf, s.handle, 2);
    await tick();
    expect(items.filter((i) => s.started(i.id)).map((i) => i.id)).toEqual(['a', 'b']);
    await s.release('b');
    expect(s.started('c')).toBe(true);
    expect(s.started('d')).toBe(false);
    await s.release('a');
    await s.release('c');
    await s.release('d');
    await expect(run).resolves.toEqual({ done: 4, failure: null });
  });

  it('after a failure starts nothing new, lets the running finish, and reports the finished prefix', async () => {
    const s = new Scripted();
    const items = [
      { id: 'a1', key: 'a' },
      { id: 'b1', key: 'b' },
      { id: 'a2', key: 'a' },
      { id: 'c1', key: 'c' },
    ];
    const run = runKeyed(items, keyOf, s.handle, 8);
    await tick();
    expect(s.started('c1')).toBe(true);
    await s.fail('b1', 'venue down');
    await s.release('a1');
    await s.release('c1');
    const result = await run;
    expect(result.done).toBe(1); // a1; b1 failed, so the checkpoint may only pass a1
    expect(s.started('a2')).toBe(false); // due after a1, but the failure came first
    expect((result.failure?.error as Error).message).toBe('venue down');
  });

  it('never runs an item behind a failed one of its key', async () => {
    const s = new Scripted();
    const items = [
      { id: 'a1', key: 'a' },
      { id: 'a2', key: 'a' },
    ];
    const run = runKeyed(items, keyOf, s.handle, 8);
    await s.fail('a1', 'refused');
    const result = await run;
    expect(result).toMatchObject({ done: 0 });
    expect(s.started('a2')).toBe(false);
  });
});
