import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${pid}: two processes must never open one embedded database`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock file holding our pid. A lock left by a process that died is taken over; a lock
 * held by a live process refuses to start, because two PGlite instances on one directory corrupt it.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, 'tradebook.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number(readFileSync(path, 'utf8').trim());
        // Our own pid: this process already opened the directory, and a second open corrupts it too.
        if (Number.isInteger(holder) && holder > 0 && (holder === process.pid || isAlive(holder))) {
          throw new DataDirLockedError(dataDir, holder);
        }
        rmSync(path, { force: true }); // stale: its process is gone
      }
    }
    throw new Error(`Could not lock ${path}`);
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}
