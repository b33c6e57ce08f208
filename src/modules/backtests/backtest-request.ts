import type { Timeframe } from '../../infrastructure/exchanges/market-data.types';

/** A backtest as requested (validated), stored with its run. */
export interface BacktestRequest {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly exchange: string;
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  readonly from: number; // ms
  readonly to: number; // ms, exclusive
  readonly initialBalance: string;
  readonly fees?: { readonly maker: string; readonly taker: string };
  readonly slippageBps?: number;
  readonly latencyMs?: number;
  readonly funding?: { readonly enabled: boolean; readonly defaultRate?: number };
}

export interface SweepRequest extends BacktestRequest {
  readonly grid: Readonly<Record<string, readonly (number | string | boolean)[]>>;
  readonly rankBy: SweepMetric;
  readonly walkForward?: { readonly folds: number; readonly trainFraction?: number };
}

/** The metrics a sweep can rank by (each a BacktestMetrics field). */
export const SWEEP_METRICS = [
  'totalReturn',
  'cagr',
  'sharpe',
  'sortino',
  'maxDrawdown',
  'winRate',
  'profitFactor',
  'exposure',
] as const;

export type SweepMetric = (typeof SWEEP_METRICS)[number];
