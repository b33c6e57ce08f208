import { KeyedTurns } from './keyed-turns';

export interface KeyedRun {
  /** How many leading items finished: the first `done` are handled, item `done` is not. */
  done: number;
  /** The first failure, when one stopped the run. */
  failure: { error: unknown } | null;
}

/**
 * Handles items in order per key, with different keys overlapping (at most `limit` at a time). An
 * item whose key is undefined is a barrier: it starts once everything before it has finished, and
 * nothing after it starts before it has. After a failure nothing new starts (an item behind a
 * failed one of its key never runs); what is running finishes, then the run reports how far it got.
 */
export async function runKeyed<T>(
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
  handle: (item: T) => Promise<void>,
  limit: number,
): Promise<KeyedRun> {
  const finished = new Array<boolean>(items.length).fill(false);
  const turns = new KeyedTurns(); // one at a time per key, in order
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const fail = (error: unknown): void => {
    failure ??= { error };
  };

  for (let i = 0; i < items.length && failure === null; i++) {
    const item = items[i] as T;
    const key = keyOf(item);
    if (key === undefined) {
      await Promise.all(running);
      if (failure !== null) break;
      try {
        await handle(item);
        finished[i] = true;
      } catch (error: unknown) {
        fail(error);
      }
      continue;
    }
    while (running.size >= Math.max(1, limit)) await Promise.race(running);
    if (failure !== null) break;
    // behind the previous item of its key; it does not start once anything has failed
    const task = turns.run(key, async () => {
      if (failure !== null) throw failure.error;
      await handle(item);
    });
    const index = i;
    const settled: Promise<void> = task.then(
      () => {
        finished[index] = true;
        running.delete(settled);
      },
      (error: unknown) => {
        fail(error);
        running.delete(settled);
      },
    );
    running.add(settled);
  }
  await Promise.all(running);
  let done = 0;
  while (done < items.length && finished[done] === true) done++;
  return { done, failure };
}
