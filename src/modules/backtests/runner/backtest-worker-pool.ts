import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BacktestJob, BacktestJobOutcome } from './backtest-job';

interface Pending {
  readonly jobId: number;
  readonly job: BacktestJob;
  readonly resolve: (outcome: BacktestJobOutcome) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

type WorkerMessage =
  | { readonly jobId: number; readonly outcome: BacktestJobOutcome }
  | { readonly jobId: number; readonly progress: { readonly done: number; readonly total: number } };

interface Slot {
  worker: Worker;
  busy: Pending | undefined;
}

/**
 * The worker entry: the compiled .js next to this file when running from dist (npm start); the
 * .ts source under Jest or ts tooling, loaded through @swc-node/register (a devDependency).
 */
export function workerEntry(): { file: string; execArgv: string[] } {
  const fromSource = __filename.endsWith('.ts');
  return {
    file: join(__dirname, `backtest.worker.${fromSource ? 'ts' : 'js'}`),
    execArgv: fromSource ? ['--require', require.resolve('@swc-node/register')] : [],
  };
}

/**
 * A fixed pool of worker threads for backtests and sweep cells, created on first use. A job whose
 * worker dies (out of memory, a crash) fails with WORKER_FAILED and the worker is replaced; the
 * queue keeps going.
 */
@Injectable()
export class BacktestWorkerPool implements OnModuleDestroy {
  readonly size = Math.max(1, Math.min(4, availableParallelism() - 1));
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextJobId = 1;
  private closed = false;

  /** Runs a job on the first free worker; `onProgress` hears the bars done every ~5 %. */
  run(job: BacktestJob, onProgress?: (done: number, total: number) => void): Promise<BacktestJobOutcome> {
    if (this.closed)
      return Promise.resolve({ ok: false, code: 'SHUTTING_DOWN', message: 'the app is stopping' });
    return new Promise((resolve) => {
      this.queue.push({ jobId: this.nextJobId++, job, resolve, onProgress });
      this.dispatch();
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.resolve({ ok: false, code: 'SHUTTING_DOWN', message: 'the app is stopping' });
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.busy === undefined);
      if (slot === undefined && this.slots.length < this.size) slot = this.spawn();
      if (slot === undefined) return;
      const pending = this.queue.shift() as Pending;
      slot.busy = pending;
      slot.worker.ref(); // a running job keeps the process alive; an idle worker does not
      slot.worker.postMessage({ jobId: pending.jobId, job: pending.job });
    }
  }

  private spawn(): Slot {
    const { file, execArgv } = workerEntry();
    const slot: Slot = { worker: new Worker(file, { execArgv }), busy: undefined };
    slot.worker.on('message', (message: WorkerMessage) => {
      if ('progress' in message) {
        if (slot.busy?.jobId === message.jobId)
          slot.busy.onProgress?.(message.progress.done, message.progress.total);
        return;
      }
      const pending = slot.busy;
      slot.busy = undefined;
      slot.worker.unref();
      if (pending !== undefined && pending.jobId === message.jobId) pending.resolve(message.outcome);
      this.dispatch();
    });
    const fail = (message: string): void => {
      const pending = slot.busy;
      slot.busy = undefined;
      this.slots.splice(this.slots.indexOf(slot), 1);
      pending?.resolve({ ok: false, code: 'WORKER_FAILED', message });
      if (!this.closed) this.dispatch();
    };
    slot.worker.on('error', (error) => fail(error.message));
    slot.worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(`the worker exited (${code})`);
    });
    this.slots.push(slot);
    return slot;
  }
}
