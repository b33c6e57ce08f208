/** One item's outcome in a batch: its value, or the error that is its alone. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: at most `maxInFlight` batches run at once, and what arrives while they run waits
 * and goes together in the next one (up to `maxBatch`). An item that finds a free slot goes at
 * once, alone: batching costs nothing when the load is light and only forms when it is not.
 * `flush` answers each item of a batch in order; if it throws, every item of the batch gets that error.
 */
export class GroupCommitQueue<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly flush: (items: T[]) => Promise<Settled<R>[]>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      void this.send(batch);
    }
  }

  private async send(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const outcomes = await this.flush(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        const outcome = outcomes[i];
        if (outcome === undefined) w.reject(new Error('group commit: no outcome for an item of the batch'));
        else if (outcome.ok) w.resolve(outcome.value);
        else w.reject(outcome.error);
      });
    } catch (error: unknown) {
      for (const w of batch) w.reject(error);
    } finally {
      this.inFlight--;
      this.pump();
    }
  }
}
