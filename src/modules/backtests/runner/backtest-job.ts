import { createHash } from 'node:crypto';
import { runBacktest, sliceColumns, type BacktestResult, type CandleColumns } from '../../../domain/backtest';
import { Dec } from '../../../domain/shared/decimal';
import { DomainError } from '../../../domain/shared/domain-error';
import { createStrategy } from '../../../domain/strategy';

/** What a worker runs: everything plain or typed arrays (candles in SharedArrayBuffers: not copied). */
export interface BacktestJob {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly symbol: string;
  readonly instrument: {
    readonly tickSize: string;
    readonly lotSize: string;
    readonly minQuantity: string;
    readonly maxLeverage: number;
  };
  readonly timeframeMs: number;
  readonly candles: CandleColumns;
  /** Bar indexes [from, to) of the candles to run on (a walk-forward fold); all when absent. */
  readonly window?: { readonly from: number; readonly to: number };
  readonly initialBalance: string;
  readonly fees?: { readonly maker: string; readonly taker: string };
  readonly slippageBps?: number;
  readonly latencyMs?: number;
  readonly funding?: { readonly enabled: boolean; readonly defaultRate?: number };
}

/** The domain's result, its refusals cut to the first MAX_REFUSALS (refusalCount: how many in all). */
export interface BacktestJobResult extends BacktestResult {
  readonly refusalCount: number;
}

export type BacktestJobOutcome =
  | { readonly ok: true; readonly result: BacktestJobResult }
  | { readonly ok: false; readonly code: string; readonly message: string };

const MAX_REFUSALS = 1000; // a strategy refused on every bar would otherwise bloat the result

/** Runs one job (in a worker, or in-process in tests); never throws. */
export function runJob(
  job: BacktestJob,
  onProgress?: (done: number, total: number) => void,
): BacktestJobOutcome {
  try {
    const { strategy } = createStrategy(job.strategy, job.params, { symbols: [job.symbol] });
    const candles =
      job.window === undefined ? job.candles : sliceColumns(job.candles, job.window.from, job.window.to);
    const result = runBacktest(strategy, candles, {
      symbol: job.symbol,
      instrument: {
        symbol: job.symbol,
        contractType: 'linear',
        tickSize: new Dec(job.instrument.tickSize),
        lotSize: new Dec(job.instrument.lotSize),
        minQuantity: new Dec(job.instrument.minQuantity),
        maxLeverage: job.instrument.maxLeverage,
      },
      timeframeMs: job.timeframeMs,
      initialBalance: job.initialBalance,
      fees: job.fees,
      slippageBps: job.slippageBps,
      latencyMs: job.latencyMs,
      funding: job.funding,
      progress:
        onProgress === undefined
          ? undefined
          : { everyBars: Math.max(10_000, Math.ceil(candles.close.length / 20)), report: onProgress },
      hash: (text) => createHash('sha256').update(text).digest('hex'),
    });
    return {
      ok: true,
      result: {
        ...result,
        refusals: result.refusals.slice(0, MAX_REFUSALS),
        refusalCount: result.refusals.length,
      },
    };
  } catch (error: unknown) {
    if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message };
    return {
      ok: false,
      code: 'BACKTEST_FAILED',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Candle columns in SharedArrayBuffers: handed to every worker of a sweep without a copy. */
export function sharedColumns(rows: readonly (readonly number[])[]): CandleColumns {
  const n = rows.length;
  const column = (): Float64Array => new Float64Array(new SharedArrayBuffer(n * 8));
  const c = {
    openTime: column(),
    open: column(),
    high: column(),
    low: column(),
    close: column(),
    volume: column(),
  };
  rows.forEach((r, i) => {
    c.openTime[i] = r[0] ?? NaN;
    c.open[i] = r[1] ?? NaN;
    c.high[i] = r[2] ?? NaN;
    c.low[i] = r[3] ?? NaN;
    c.close[i] = r[4] ?? NaN;
    c.volume[i] = r[5] ?? 0;
  });
  return c;
}
