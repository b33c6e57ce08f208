// settle: lets the promise callbacks queued so far run
import { setImmediate as settle } from 'node:timers/promises';
import { RefreshAheadCache } from './refresh-ahead-cache';

/** A read the test finishes by hand: each call is one read, answered or failed when the test says. */
class ScriptedReads {
  readonly calls: { key: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];

  read = (key: string): Promise<string> =>
    new Promise((resolve, reject) => this.calls.push({ key, resolve, reject }));

  answer(index: number, value: string): Promise<void> {
    this.calls[index]?.resolve(value);
    return settle();
  }

  fail(index: number, message: string): Promise<void> {
    this.calls[index]?.reject(new Error(message));
    return settle();
  }
}

function setup() {
  const clock = { now: 1_000 };
  const reads = new ScriptedReads();
  const cache = new RefreshAheadCache<string, string>(reads.read, {
    maxAgeMs: 250,
    refreshAfterMs: 150,
    now: () => clock.now,
  });
  return { clock, reads, cache };
}

/** setup(), with 'a' read once (read 0) and answered 'v1' at the start time. */
async function primed() {
  const s = setup();
  const first = s.cache.get('a');
  await s.reads.answer(0, 'v1');
  await first;
  return s;
}

describe('RefreshAheadCache', () => {
  it('shares the first read among concurrent callers and reuses it while young', async () => {
    const { clock, reads, cache } = setup();
    const first = cache.get('a');
    const second = cache.get('a');
    expect(reads.calls).toHaveLength(1);
    await reads.answer(0, 'v1');
    await expect(first).resolves.toBe('v1');
    await expect(second).resolves.toBe('v1');
    clock.now += 149;
    await expect(cache.get('a')).resolves.toBe('v1');
    expect(reads.calls).toHaveLength(1);
  });

  it('serves an ageing value at once and starts exactly one read to replace it', async () => {
    const { clock, reads, cache } = await primed();
    clock.now += 150;
    await expect(cache.get('a')).resolves.toBe('v1');
    await expect(cache.get('a')).resolves.toBe('v1');
    expect(reads.calls).toHaveLength(2);
    await reads.answer(1, 'v2');
    await expect(cache.get('a')).resolves.toBe('v2');
    expect(reads.calls).toHaveLength(2);
  });

  it('makes the caller wait for a fresh read once the value is past its maximum age', async () => {
    const { clock, reads, cache } = await primed();
    clock.now += 250;
    let answered: string | undefined;
    const late = cache.get('a').then((v) => (answered = v));
    await settle();
    expect(answered).toBeUndefined();
    expect(reads.calls).toHaveLength(2);
    await reads.answer(1, 'v2');
    await late;
    expect(answered).toBe('v2');
  });

  it('ages a value from the start of its read, not from its answer', async () => {
    const { clock, reads, cache } = setup();
    const first = cache.get('a');
    clock.now += 200; // a slow read
    await reads.answer(0, 'v1');
    await first;
    await expect(cache.get('a')).resolves.toBe('v1'); // 200 ms old: served, and refreshed
    expect(reads.calls).toHaveLength(2);
  });

  it('after invalidate, waits for a read started later and ignores the one in flight', async () => {
    const { clock, reads, cache } = await primed();
    clock.now += 160;
    await cache.get('a'); // starts read 1 in the background
    cache.invalidate('a');
    const after = cache.get('a');
    expect(reads.calls).toHaveLength(3);
    await reads.answer(1, 'stale');
    await reads.answer(2, 'v3');
    await expect(after).resolves.toBe('v3');
    await expect(cache.get('a')).resolves.toBe('v3');
  });

  it('keeps serving the value when a background read fails, and reports a failed foreground read', async () => {
    const { clock, reads, cache } = await primed();
    clock.now += 200;
    await cache.get('a');
    await reads.fail(1, 'venue down');
    clock.now += 10;
    await expect(cache.get('a')).resolves.toBe('v1'); // 210 ms old, and a new refresh starts
    expect(reads.calls).toHaveLength(3);
    await reads.fail(2, 'venue down');
    clock.now += 50;
    const waited = cache.get('a');
    await reads.fail(3, 'venue still down');
    await expect(waited).rejects.toThrow('venue still down');
    const retried = cache.get('a');
    expect(reads.calls).toHaveLength(5);
    await reads.answer(4, 'v5');
    await expect(retried).resolves.toBe('v5');
  });

  it('keeps keys apart', async () => {
    const { reads, cache } = setup();
    const a = cache.get('a');
    const b = cache.get('b');
    expect(reads.calls.map((c) => c.key)).toEqual(['a', 'b']);
    await reads.answer(0, 'va');
    await reads.answer(1, 'vb');
    await expect(a).resolves.toBe('va');
    await expect(b).resolves.toBe('vb');
  });
});
