/**
 * Consumes an adapter stream in the background so a test can wait for items, inject a fault, and
 * stop the stream, with every wait bounded (a stuck stream fails the test instead of hanging it).
 */
export class StreamProbe<T> {
  readonly items: T[] = [];
  private readonly iterator: AsyncIterator<T>;
  private failure: unknown;
  private finished = false;
  private stopping = false;
  private readonly loop: Promise<void>;

  constructor(
    iterable: AsyncIterable<T>,
    private readonly stimulate: () => Promise<void> | void = () => undefined,
  ) {
    this.iterator = iterable[Symbol.asyncIterator]();
    this.loop = this.consume();
  }

  get latest(): T | undefined {
    return this.items[this.items.length - 1];
  }

  /** Waits until `count` items arrived in total, stimulating the venue meanwhile. */
  async waitForCount(count: number, timeoutMs = 15_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.items.length < count) {
      if (this.failure !== undefined) {
        throw this.failure instanceof Error
          ? this.failure
          : new Error(`stream failed: ${JSON.stringify(this.failure)}`);
      }
      if (this.finished) throw new Error(`stream ended after ${this.items.length} of ${count} items`);
      if (Date.now() > deadline) {
        throw new Error(`stream yielded ${this.items.length} of ${count} items in ${timeoutMs} ms`);
      }
      await this.stimulate();
      await sleep(50);
    }
    return this.items.slice(0, count);
  }

  /** Waits until an item seen so far passes `matches` (no stimulation: for a venue's own streams). */
  async waitForMatch(matches: (item: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.items.find(matches);
      if (found !== undefined) return found;
      if (this.failure !== undefined) {
        throw this.failure instanceof Error
          ? this.failure
          : new Error(`stream failed: ${JSON.stringify(this.failure)}`);
      }
      if (this.finished) throw new Error(`stream ended before ${what}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await sleep(25);
    }
  }

  /** Waits for `more` items after the ones seen so far. */
  async waitForMore(more: number, timeoutMs = 15_000): Promise<T[]> {
    const start = this.items.length;
    await this.waitForCount(start + more, timeoutMs);
    return this.items.slice(start);
  }

  /**
   * Stops iterating (return(), what `break` does) and resolves once the stream released itself.
   * Keeps stimulating meanwhile: a pending next() of an async generator must settle before its
   * return() can run.
   */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.stopping = true;
    const returned = Promise.resolve(this.iterator.return?.());
    let done = false;
    void returned.finally(() => (done = true));
    const deadline = Date.now() + timeoutMs;
    while (!done) {
      if (Date.now() > deadline) throw new Error(`stream did not stop within ${timeoutMs} ms`);
      await this.stimulate();
      await sleep(20);
    }
    await returned;
    await this.loop;
  }

  private async consume(): Promise<void> {
    try {
      for (;;) {
        const next = await this.iterator.next();
        if (next.done === true || this.stopping) break;
        this.items.push(next.value);
      }
    } catch (error: unknown) {
      if (!this.stopping) this.failure = error;
    } finally {
      this.finished = true;
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
