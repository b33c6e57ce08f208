import type { BacktestJobResult } from './backtest-job';

export const MAX_CURVE_POINTS = 2000;

export interface CurvePoint {
  readonly time: number; // ms, a bar's close
  readonly equity: number;
  readonly drawdown: number; // 0.1 = 10 % below the running peak
}

/**
 * The equity and drawdown curves, sampled to at most MAX_CURVE_POINTS (each point the last bar of
 * its bucket, and the bucket's deepest drawdown, so the worst drawdown is never sampled away).
 */
export function sampleCurve(result: BacktestJobResult, initialEquity: number): CurvePoint[] {
  const { time, equity } = result.equity;
  const n = equity.length;
  const bucket = Math.max(1, Math.ceil(n / MAX_CURVE_POINTS));
  const out: CurvePoint[] = [];
  let peak = initialEquity;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i] ?? NaN;
    if (e > peak) peak = e;
    const dd = peak > 0 ? (peak - e) / peak : 0;
    if (dd > worst) worst = dd;
    if ((i + 1) % bucket === 0 || i === n - 1) {
      out.push({ time: time[i] ?? NaN, equity: e, drawdown: worst });
      worst = 0;
    }
  }
  return out;
}

/** What GET /v1/backtests/{id} serves of a completed backtest (and what is stored). */
export function backtestResultView(result: BacktestJobResult, bars: number) {
  return {
    hash: result.hash,
    metrics: result.metrics,
    assumptions: result.assumptions,
    bars,
    signalCount: result.signalCount,
    fillCount: result.fillCount,
    trades: result.trades,
    openTrade: result.openTrade,
    equityCurve: sampleCurve(result, result.metrics.initialEquity),
    refusals: result.refusals,
    refusalCount: result.refusalCount,
    failure: result.failure,
  };
}

export type BacktestResultView = ReturnType<typeof backtestResultView>;
