/**
 * A push-fed async iterator: producers push(), one consumer awaits next(). Unlike an async
 * generator, return() settles at once even while a next() is pending, so a consumer that stops
 * (break) releases its timers and listeners immediately instead of after the next item.
 */
export class LiveQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: {
    resolve: (result: IteratorResult<T, undefined>) => void;
    reject: (error: Error) => void;
  }[] = [];
  private ended = false;
  private failure: Error | undefined;

  constructor(private readonly onClose: () => void = () => undefined) {}

  get closed(): boolean {
    return this.ended;
  }

  push(item: T): void {
    if (this.ended) return;
    const waiter = this.waiting.shift();
    if (waiter === undefined) this.buffer.push(item);
    else waiter.resolve({ value: item, done: false });
  }

  /** Ends the stream from the producer's side (the venue closed): pending and later next() are done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const waiter of this.waiting.splice(0)) waiter.resolve({ value: undefined, done: true });
    this.onClose();
  }

  /** Ends the stream with an error: the consumer's pending or next next() rejects with it. */
  fail(error: Error): void {
    if (this.ended) return;
    this.failure = error;
    this.ended = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    this.onClose();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const item = this.buffer.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.buffer.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

export interface EndableStream {
  end(): void;
}

/** Knows the streams being iterated, so the venue can end them all when it closes. */
export interface StreamTracker {
  opened(stream: EndableStream): void;
  closed(stream: EndableStream): void;
}

/**
 * A stream that polls `produce` every `intervalMs` from the first next() on (and once at once), and
 * yields what it returns. The timer is unref'd (a forgotten stream does not keep the process alive)
 * and cleared when the consumer stops; a throwing producer fails the stream with its error.
 */
export function pollingStream<T>(
  intervalMs: number,
  start: () => () => T[],
  tracker?: StreamTracker,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const produce = start();
      const queue: LiveQueue<T> = new LiveQueue<T>(() => {
        clearInterval(timer);
        tracker?.closed(queue);
      });
      tracker?.opened(queue);
      const tick = (): void => {
        try {
          for (const item of produce()) queue.push(item);
        } catch (error: unknown) {
          queue.fail(error instanceof Error ? error : new Error('the sim stream failed'));
        }
      };
      // The timer exists before the first tick, so a first tick that fails still clears it.
      const timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
      return queue;
    },
  };
}
