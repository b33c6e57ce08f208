import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { join, resolve } from 'node:path';
import { DataDirLock } from './data-dir-lock';

/**
 * The embedded default (ARCHITECTURE.md §3): PGlite persisted under DATA_DIR, served on a loopback
 * socket so that the same `pg` driver, TypeORM and migrations run against it as against a real server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock,
    readonly url: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const dir = resolve(dataDir);
    const lock = DataDirLock.acquire(dir);
    try {
      const db = await PGlite.create(join(dir, 'pgdata'));
      // The app's pool holds one connection (PGlite has one backend); the spare slots only let a
      // replacement connect while a closed connection is still being cleaned up.
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
      await server.start();
      const url = `postgres://postgres@${server.getServerConn()}/postgres`;
      return new EmbeddedPostgres(db, server, lock, url);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      this.lock.release();
    }
  }
}
