import { Injectable } from '@nestjs/common';
import type { BacktestRunKind, BacktestRunStatus } from '../backtest-runs.repository';

/** What `backtest:{id}` sends: the run's latest state. */
export interface BacktestProgress {
  readonly id: string;
  readonly kind: BacktestRunKind;
  readonly status: BacktestRunStatus;
  readonly stage: 'queued' | 'loading candles' | 'running' | 'completed' | 'failed';
  readonly percent: number;
  readonly bars?: number;
  readonly barsDone?: number;
  readonly cells?: number; // a sweep's backtests (grid cells, and walk-forward runs)
  readonly cellsDone?: number;
  readonly hash?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

const KEEP_FINISHED = 500; // finished runs whose last state is still served, newest kept

/**
 * The progress of the runs this instance executes, in memory (the stored row is the record; this
 * is what the realtime topic streams). Listeners hear every change; the latest state is kept.
 */
@Injectable()
export class BacktestProgressFeed {
  private readonly states = new Map<string, BacktestProgress>();
  private readonly listeners = new Map<string, Set<(p: BacktestProgress) => void>>();
  private readonly finished: string[] = [];

  publish(progress: BacktestProgress): void {
    this.states.set(progress.id, progress);
    if (progress.status === 'completed' || progress.status === 'failed') {
      this.finished.push(progress.id);
      if (this.finished.length > KEEP_FINISHED) this.states.delete(this.finished.shift() ?? '');
    }
    for (const listener of this.listeners.get(progress.id) ?? []) listener(progress);
  }

  latest(id: string): BacktestProgress | undefined {
    return this.states.get(id);
  }

  /** Calls `listener` on each change of the run; returns the unsubscribe. */
  listen(id: string, listener: (p: BacktestProgress) => void): () => void {
    let set = this.listeners.get(id);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }
}
