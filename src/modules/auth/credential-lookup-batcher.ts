import type { CredentialRow } from './api-key-credentials.repository';

type Lookup = (prefixes: string[]) => Promise<CredentialRow[]>;

interface Waiter {
  resolve: (row: CredentialRow | undefined) => void;
  reject: (err: unknown) => void;
}

/**
 * Coalesces credential lookups: at most one query in flight; the prefixes asked for meanwhile wait
 * and go together in the next one. Each caller's answer comes from a query that started after it
 * asked, so a revocation committed before a request arrived is always seen (no staleness, unlike a
 * cache), while under load one read serves every request that arrived during the previous one.
 */
export class CredentialLookupBatcher {
  private pending = new Map<string, Waiter[]>();
  private running = false;

  constructor(private readonly lookup: Lookup) {}

  byPrefix(prefix: string): Promise<CredentialRow | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(prefix);
      if (waiters === undefined) this.pending.set(prefix, [{ resolve, reject }]);
      else waiters.push({ resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.size > 0) {
        const batch = this.pending;
        this.pending = new Map();
        try {
          const rows = await this.lookup([...batch.keys()]);
          const byPrefix = new Map(rows.map((r) => [r.prefix, r]));
          for (const [prefix, waiters] of batch) for (const w of waiters) w.resolve(byPrefix.get(prefix));
        } catch (err) {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
