import { Client } from 'pg';
import { LEADER_LOCK_CLASS } from '../database/advisory-locks';

/** One active instance per projection / process manager across every process on one database. */
export interface LeaderLock {
  tryAcquire(name: string): Promise<boolean>;
  /** False once the lock is known lost (its connection died); the holder must stop and re-acquire. */
  isHeld(name: string): boolean;
  release(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Session-level PostgreSQL advisory locks on one dedicated connection (not from the pool, which
 * would hand the session to someone else). If that connection dies every lock is lost at once.
 */
export class PgAdvisoryLeaderLock implements LeaderLock {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private readonly held = new Set<string>();
  /** The end of the queries queued on the one connection: pg wants one at a time per client. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly connectionString: string) {}

  async tryAcquire(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const { rows } = await this.inTurn(async () =>
      (await this.connection()).query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(${LEADER_LOCK_CLASS}, hashtext($1)) AS ok`,
        [name],
      ),
    );
    if (rows[0]?.ok === true) this.held.add(name);
    return this.held.has(name);
  }

  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  async release(name: string): Promise<void> {
    if (!this.held.delete(name)) return;
    await this.inTurn(async () => {
      await this.client?.query(`SELECT pg_advisory_unlock(${LEADER_LOCK_CLASS}, hashtext($1))`, [name]);
    }).catch(() => undefined);
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.held.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<Client> {
    if (this.client !== null) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new Client({
        connectionString: this.connectionString,
        application_name: 'tradebook-leader-lock',
        // A dead peer must be noticed, or the lock would stay held with nobody working.
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
      });
      // Only the current connection's loss loses the locks; a late event from an old one must not.
      const lost = (): void => {
        if (this.client !== client) return;
        this.held.clear();
        this.client = null;
      };
      client.on('error', lost);
      client.on('end', lost);
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}

/** The embedded database is opened by one process only (the DATA_DIR lock), so a local lock suffices. */
export class InProcessLeaderLock implements LeaderLock {
  private static readonly held = new Set<string>();
  private readonly mine = new Set<string>();

  tryAcquire(name: string): Promise<boolean> {
    if (this.mine.has(name)) return Promise.resolve(true);
    if (InProcessLeaderLock.held.has(name)) return Promise.resolve(false);
    InProcessLeaderLock.held.add(name);
    this.mine.add(name);
    return Promise.resolve(true);
  }

  isHeld(name: string): boolean {
    return this.mine.has(name);
  }

  release(name: string): Promise<void> {
    if (this.mine.delete(name)) InProcessLeaderLock.held.delete(name);
    return Promise.resolve();
  }

  async close(): Promise<void> {
    for (const name of [...this.mine]) await this.release(name);
  }
}
