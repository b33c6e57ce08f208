import { Dec } from '../shared/decimal';
import type { BacktestMetrics, BacktestTrade } from './backtest.types';
import { sumNetPnl } from './net-pnl-sums';

export const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface MetricInputs {
  readonly initialEquity: number;
  readonly equity: Float64Array; // at each bar's close
  readonly timeframeMs: number;
  readonly barsInMarket: number;
  readonly trades: readonly BacktestTrade[];
  readonly fees: string;
  readonly funding: string;
  readonly slippageCost: number;
}

/**
 * Performance figures from the per-bar equity curve (float64: statistics, not money). Returns are
 * bar to bar; Sharpe and Sortino are annualised with sqrt(bars in a 365-day year) (crypto trades
 * all week), risk-free rate 0, Sharpe with the sample standard deviation, Sortino with the downside
 * deviation sqrt(mean(min(r, 0)^2)) over all bars.
 */
export function computeMetrics(input: MetricInputs): BacktestMetrics {
  const { initialEquity, equity, timeframeMs } = input;
  const n = equity.length;
  const finalEquity = n === 0 ? initialEquity : (equity[n - 1] as number);
  // in chunks: a function called once per run would run its one long loop before V8 optimises it
  // (and box a float per bar there); called per chunk, it is optimised like any hot function
  const c = new Float64Array(Curve.Size);
  c[Curve.Peak] = initialEquity;
  c[Curve.Low] = initialEquity;
  c[Curve.Prev] = initialEquity;
  for (let from = 0; from < n; from += CURVE_CHUNK)
    accumulate(c, equity, from, Math.min(n, from + CURVE_CHUNK));
  const sum = c[Curve.Sum] as number;
  const sumSq = c[Curve.SumSq] as number;
  const downSq = c[Curve.DownSq] as number;
  const maxDrawdown = c[Curve.MaxDrawdown] as number;
  const annualiser = Math.sqrt(YEAR_MS / timeframeMs);
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? (sumSq - n * mean * mean) / (n - 1) : 0;
  const std = Math.sqrt(Math.max(0, variance));
  const downside = n > 0 ? Math.sqrt(downSq / n) : 0;
  const years = (n * timeframeMs) / YEAR_MS;
  const growth = finalEquity / initialEquity;
  const { count, wins, grossWin, grossLoss } = sumNetPnl(input.trades);
  return {
    initialEquity,
    finalEquity,
    totalReturn: growth - 1,
    cagr: years > 0 && growth > 0 ? Math.pow(growth, 1 / years) - 1 : growth > 0 ? 0 : -1,
    sharpe: std > 0 ? (mean / std) * annualiser : 0,
    sortino: downside > 0 ? (mean / downside) * annualiser : 0,
    maxDrawdown,
    winRate: count > 0 ? wins / count : null,
    profitFactor: grossLoss === 0n ? null : new Dec(grossWin.toString()).div(grossLoss.toString()).toNumber(),
    exposure: n > 0 ? input.barsInMarket / n : 0,
    tradeCount: count,
    fees: input.fees,
    funding: input.funding,
    slippageCost: input.slippageCost,
  };
}

const CURVE_CHUNK = 4096;

/**
 * The running state of the equity curve's bar returns, as floats in a Float64Array (fields of an
 * object would come back into the loop as boxed numbers and box a float per bar).
 */
const enum Curve {
  Sum,
  SumSq,
  DownSq,
  MaxDrawdown,
  Peak,
  Low, // the lowest equity since the peak: only a new low can deepen the drawdown
  Prev,
  Size,
}

/** Bars [from, to) into the state, in order (the float sums are the same as one loop's). */
function accumulate(c: Float64Array, equity: Float64Array, from: number, to: number): void {
  let sum = c[Curve.Sum] as number;
  let sumSq = c[Curve.SumSq] as number;
  let downSq = c[Curve.DownSq] as number;
  let maxDrawdown = c[Curve.MaxDrawdown] as number;
  let peak = c[Curve.Peak] as number;
  let low = c[Curve.Low] as number;
  let prev = c[Curve.Prev] as number;
  for (let i = from; i < to; i++) {
    const e = equity[i] as number;
    const r = prev > 0 ? e / prev - 1 : 0;
    sum += r;
    sumSq += r * r;
    // the downside without a branch on the sign (half the bars fall: a branch mispredicted on half
    // of them cost more than the rest of the loop): (r - |r|) / 2 is r when negative, else 0, exactly;
    // NaN (a NaN or +Infinity return) is skipped as the sign test skipped it
    const down = (r - Math.abs(r)) * 0.5;
    if (down === down) downSq += down * down;
    if (e > peak) {
      peak = e;
      low = e;
    } else if (e < low) {
      // (peak - e) / peak only grows as e falls (rounding too): the deepest bar since the peak is its low
      low = e;
      if (peak > 0 && (peak - e) / peak > maxDrawdown) maxDrawdown = (peak - e) / peak;
    }
    prev = e;
  }
  c[Curve.Sum] = sum;
  c[Curve.SumSq] = sumSq;
  c[Curve.DownSq] = downSq;
  c[Curve.MaxDrawdown] = maxDrawdown;
  c[Curve.Peak] = peak;
  c[Curve.Low] = low;
  c[Curve.Prev] = prev;
}
