import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time (ms) spent so far by this process's main thread and by the local PostgreSQL (every
 * `postgres` process, plus the exited backends its postmaster has reaped), read from Linux's /proc.
 * Null where /proc is not there. A run's difference divided by its orders is what each order costs,
 * wherever the machine's two cores went.
 */
export interface CpuTime {
  mainThreadMs: number;
  postgresMs: number;
}

const TICKS_PER_MS = 100 / 1000; // USER_HZ is 100 on Linux

/** utime, stime, cutime, cstime: fields 14-17 of /proc/<pid>/stat, counted after the command's ")". */
function ticksOf(statPath: string, withChildren: boolean): number {
  const fields = readFileSync(statPath, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i] ?? 0));
  return (utime ?? 0) + (stime ?? 0) + (withChildren ? (cutime ?? 0) + (cstime ?? 0) : 0);
}

export function cpuTime(): CpuTime | null {
  try {
    const mainThread = ticksOf(`/proc/self/task/${process.pid}/stat`, false);
    let postgres = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')
          postgres += ticksOf(`/proc/${pid}/stat`, true);
      } catch {
        // the process ended meanwhile
      }
    }
    return { mainThreadMs: mainThread / TICKS_PER_MS, postgresMs: postgres / TICKS_PER_MS };
  } catch {
    return null;
  }
}
