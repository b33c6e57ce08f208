const RETRY_MS = 1_000;

/**
 * Venue streams followed until close(): each is reopened after a pause when it breaks or ends.
 * Shared by a run's market inputs and a paper account's live book.
 */
export class ReopeningStreams {
  private readonly iterators = new Set<AsyncIterator<unknown>>();
  private closed = false;

  /** `onError` hears each break while open (the stream is reopened after a second). */
  follow<T>(
    open: () => AsyncIterable<T>,
    each: (value: T) => void,
    onError?: (error: unknown) => void,
  ): void {
    void (async () => {
      while (!this.closed) {
        let iterator: AsyncIterator<T> | undefined;
        try {
          iterator = open()[Symbol.asyncIterator]();
          this.iterators.add(iterator);
          for (;;) {
            const next = await iterator.next();
            if (next.done === true || this.closed) break;
            each(next.value);
          }
        } catch (error) {
          if (!this.closed) onError?.(error);
        } finally {
          if (iterator !== undefined) this.iterators.delete(iterator);
        }
        if (!this.closed) await new Promise((r) => setTimeout(r, RETRY_MS).unref());
      }
    })();
  }

  /**
   * Asks every stream to end without waiting: an async generator's return() waits for its pending
   * next(), which on a quiet venue stream may be never.
   */
  close(): void {
    this.closed = true;
    for (const it of this.iterators) void it.return?.()?.catch(() => undefined);
    this.iterators.clear();
  }
}
