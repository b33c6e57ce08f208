export interface RefreshAheadOptions {
  /** A value whose read started longer ago than this is never served: the caller waits for a fresh one. */
  maxAgeMs: number;
  /** A value older than this is still served, while one read in the background replaces it. */
  refreshAfterMs: number;
  /** The clock, in milliseconds (tests pin it). */
  now?: () => number;
}

interface Entry<V> {
  hasValue: boolean;
  value: V | undefined;
  /** When the read that gave `value` started: its age is counted from there. */
  readAt: number;
  pending: Promise<V> | null;
  pendingAt: number;
}

/**
 * Reads shared by concurrent callers and reused up to `maxAgeMs`, refreshed ahead of that: a caller
 * that finds the value past `refreshAfterMs` gets it at once and starts the one read that replaces
 * it. So a steady stream of callers never waits for a read (a cache that expires makes the first
 * caller after each expiry wait), and none is served a value older than `maxAgeMs`.
 * A background read that fails leaves the value to age out; a caller who waits sees the error.
 */
export class RefreshAheadCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly now: () => number;

  constructor(
    private readonly read: (key: K) => Promise<V>,
    private readonly options: RefreshAheadOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get(key: K): Promise<V> {
    const now = this.now();
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { hasValue: false, value: undefined, readAt: 0, pending: null, pendingAt: 0 };
      this.entries.set(key, entry);
    }
    if (entry.hasValue && now - entry.readAt < this.options.maxAgeMs) {
      if (now - entry.readAt >= this.options.refreshAfterMs && entry.pending === null) {
        this.start(key, entry, now).catch(() => undefined);
      }
      return Promise.resolve(entry.value as V);
    }
    if (entry.pending !== null && now - entry.pendingAt < this.options.maxAgeMs) return entry.pending;
    return this.start(key, entry, now);
  }

  /** Forgets the key: the next caller waits for a read that starts after this (a read in flight no longer counts). */
  invalidate(key: K): void {
    this.entries.delete(key);
  }

  private start(key: K, entry: Entry<V>, startedAt: number): Promise<V> {
    const pending: Promise<V> = this.read(key)
      .then((value) => {
        // an older read finishing after a newer one must not replace its value
        if (!entry.hasValue || startedAt >= entry.readAt) {
          entry.hasValue = true;
          entry.value = value;
          entry.readAt = startedAt;
        }
        return value;
      })
      .finally(() => {
        if (entry.pending === pending) entry.pending = null;
      });
    entry.pending = pending;
    entry.pendingAt = startedAt;
    return pending;
  }
}
