/** Stops a listener that `listen` registered. */
export type Unlisten = () => void;

/**
 * An async iterable over a listener-style feed that keeps only the newest value: a consumer slower
 * than the feed gets the latest state, never a backlog (progress and other conflated topics). It
 * ends only when the consumer stops iterating, which unlistens.
 */
export function latestValueStream<T>(listen: (onValue: (value: T) => void) => Unlisten): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let pending: { value: T } | undefined;
      let wake: (() => void) | undefined;
      let closed = false;
      const unlisten = listen((value) => {
        pending = { value };
        wake?.();
      });
      return {
        async next(): Promise<IteratorResult<T>> {
          while (!closed && pending === undefined) await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          if (closed || pending === undefined) return { done: true, value: undefined };
          const { value } = pending;
          pending = undefined;
          return { done: false, value };
        },
        return(): Promise<IteratorResult<T>> {
          closed = true;
          unlisten();
          wake?.();
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
}
