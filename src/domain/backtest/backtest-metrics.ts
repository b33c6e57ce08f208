import { Dec } from '../shared/decimal';
import type { BacktestMetrics, BacktestTrade } from './backtest.types';

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
  let sum = 0;
  let sumSq = 0;
  let downSq = 0;
  let peak = initialEquity;
  let maxDrawdown = 0;
  let prev = initialEquity;
  for (let i = 0; i < n; i++) {
    const e = equity[i] as number;
    const r = prev > 0 ? e / prev - 1 : 0;
    sum += r;
    sumSq += r * r;
    if (r < 0) downSq += r * r;
    if (e > peak) peak = e;
    else if (peak > 0 && (peak - e) / peak > maxDrawdown) maxDrawdown = (peak - e) / peak;
    prev = e;
  }
  const annualiser = Math.sqrt(YEAR_MS / timeframeMs);
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? (sumSq - n * mean * mean) / (n - 1) : 0;
  const std = Math.sqrt(Math.max(0, variance));
  const downside = n > 0 ? Math.sqrt(downSq / n) : 0;
  const years = (n * timeframeMs) / YEAR_MS;
  const growth = finalEquity / initialEquity;
  const net = input.trades.map((t) => new Dec(t.netPnl));
  const wins = net.filter((x) => x.gt(0));
  const losses = net.filter((x) => x.lt(0));
  const grossWin = wins.reduce((a, b) => a.plus(b), new Dec(0));
  const grossLoss = losses.reduce((a, b) => a.plus(b), new Dec(0)).abs();
  return {
    initialEquity,
    finalEquity,
    totalReturn: growth - 1,
    cagr: years > 0 && growth > 0 ? Math.pow(growth, 1 / years) - 1 : growth > 0 ? 0 : -1,
    sharpe: std > 0 ? (mean / std) * annualiser : 0,
    sortino: downside > 0 ? (mean / downside) * annualiser : 0,
    maxDrawdown,
    winRate: net.length > 0 ? wins.length / net.length : null,
    profitFactor: grossLoss.isZero() ? null : grossWin.div(grossLoss).toNumber(),
    exposure: n > 0 ? input.barsInMarket / n : 0,
    tradeCount: net.length,
    fees: input.fees,
    funding: input.funding,
    slippageCost: input.slippageCost,
  };
}
