import {
  warmupProgress,
  type WarmupItem,
  type WarmupProgress,
  type WarmupStatus,
} from '../../../domain/market-data';

/** One scheduled (symbol, timeframe) of a warmup, as planned, with where it stands. */
export interface WarmupScheduleItem extends WarmupItem {
  callsDone: number;
  status: 'pending' | 'running' | 'done' | 'failed';
  error?: { code: string; message: string };
}

/** A warmup as held in memory (warmups are operational, not business facts: see docs/market-data.md). */
export interface Warmup {
  id: string;
  exchange: string;
  symbols: string[];
  timeframes: string[];
  candles: number;
  /** Planned only, never run: stays `planned`. */
  dryRun: boolean;
  status: WarmupStatus;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  schedule: WarmupScheduleItem[];
}

/** What the feed publishes on every change of a warmup (the realtime gateway's `warmup:{id}` topic). */
export interface WarmupUpdate {
  id: string;
  exchange: string;
  status: WarmupStatus;
  progress: WarmupProgress;
}

/** The warmup's progress at `now`: its time runs from the start to the finish, or to now. */
export function progressOf(warmup: Warmup, now: number): WarmupProgress {
  return warmupProgress(
    warmup.status,
    warmup.schedule.map((i) => ({
      symbol: i.symbol,
      timeframe: i.timeframe,
      calls: i.pages.length,
      callsDone: i.callsDone,
      status: i.status,
      error: i.error,
    })),
    (warmup.finishedAt ?? now) - (warmup.startedAt ?? now),
  );
}
