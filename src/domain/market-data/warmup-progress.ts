/** Where each scheduled item stands; a warmup's progress is computed from these alone. */
export interface WarmupItemState {
  symbol: string;
  timeframe: string;
  calls: number;
  callsDone: number;
  status: 'pending' | 'running' | 'done' | 'failed';
  error?: { code: string; message: string };
}

export type WarmupStatus = 'planned' | 'running' | 'done' | 'failed';

export interface WarmupProgress {
  status: WarmupStatus;
  percent: number;
  callsDone: number;
  callsTotal: number;
  /** Estimated ms until done, from the pace so far; null before the first call and once finished. */
  etaMs: number | null;
  /** Symbols with at least one item not yet finished. */
  symbolsRemaining: string[];
  failures: { symbol: string; timeframe: string; code: string; message: string }[];
}

/** Progress by venue requests (each takes about as long as another), with an ETA from the pace so far. */
export function warmupProgress(
  status: WarmupStatus,
  items: readonly WarmupItemState[],
  elapsedMs: number,
): WarmupProgress {
  const callsTotal = items.reduce((n, i) => n + i.calls, 0);
  // A failed item's remaining calls will not be made: count them as done for the percentage.
  const callsDone = items.reduce((n, i) => n + (i.status === 'failed' ? i.calls : i.callsDone), 0);
  const finished = status === 'done' || status === 'failed';
  const percent = callsTotal === 0 || finished ? 100 : Math.floor((callsDone / callsTotal) * 1000) / 10;
  // The pace is of requests actually made: each item's successful ones, and a failed item's last.
  const made = items.reduce((n, i) => n + i.callsDone + (i.status === 'failed' ? 1 : 0), 0);
  const etaMs = finished || made === 0 ? null : Math.round((elapsedMs / made) * (callsTotal - callsDone));
  const symbolsRemaining = [
    ...new Set(items.filter((i) => i.status === 'pending' || i.status === 'running').map((i) => i.symbol)),
  ];
  const failures = items.flatMap((i) =>
    i.status === 'failed' && i.error !== undefined
      ? [{ symbol: i.symbol, timeframe: i.timeframe, code: i.error.code, message: i.error.message }]
      : [],
  );
  return { status, percent, callsDone, callsTotal, etaMs, symbolsRemaining, failures };
}
