import type { ParamValue, ParamValues } from '../strategy';
import type { BacktestMetrics } from './backtest.types';

export type ParamGrid = Readonly<Record<string, readonly ParamValue[]>>;

/** Every combination of the grid's values, keys in sorted order, the last key varying fastest. */
export function expandGrid(grid: ParamGrid): ParamValues[] {
  const keys = Object.keys(grid).sort();
  let combos: Record<string, ParamValue>[] = [{}];
  for (const key of keys) {
    const values = grid[key] ?? [];
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return combos;
}

type NumericMetric = {
  [K in keyof BacktestMetrics]: BacktestMetrics[K] extends number | null ? K : never;
}[keyof BacktestMetrics];

export interface RankedRun<T> {
  readonly rank: number; // 1 = best
  readonly score: number;
  readonly run: T;
}

/**
 * Best first by the metric (maxDrawdown: lowest first; every other metric: highest first); null or
 * NaN scores last; ties keep the input order, so a ranking is deterministic.
 */
export function rankBy<T extends { readonly metrics: BacktestMetrics }>(
  runs: readonly T[],
  metric: NumericMetric,
): RankedRun<T>[] {
  const lowerIsBetter = metric === 'maxDrawdown';
  const scored = runs.map((run, index) => {
    const v = run.metrics[metric];
    const score = v === null || Number.isNaN(v) ? NaN : v;
    return { run, index, score };
  });
  scored.sort((x, y) => {
    const xBad = Number.isNaN(x.score);
    const yBad = Number.isNaN(y.score);
    if (xBad || yBad) return xBad === yBad ? x.index - y.index : xBad ? 1 : -1;
    const diff = lowerIsBetter ? x.score - y.score : y.score - x.score;
    return diff !== 0 ? diff : x.index - y.index;
  });
  return scored.map((s, i) => ({ rank: i + 1, score: s.score, run: s.run }));
}

export interface WalkForwardSplit {
  readonly fold: number;
  readonly train: { readonly from: number; readonly to: number }; // bar indexes, to exclusive
  readonly test: { readonly from: number; readonly to: number };
}

/**
 * Anchored walk-forward over n bars: the last (1 - trainFraction) of the data is cut into `folds`
 * test windows; each fold trains on everything before its window and tests on the window.
 */
export function walkForwardSplits(n: number, folds: number, trainFraction = 0.7): WalkForwardSplit[] {
  if (!Number.isInteger(folds) || folds < 1 || !(trainFraction > 0 && trainFraction < 1) || n < folds + 1)
    return [];
  const firstTest = Math.floor(n * trainFraction);
  const size = Math.floor((n - firstTest) / folds);
  if (size < 1) return [];
  const out: WalkForwardSplit[] = [];
  for (let f = 0; f < folds; f++) {
    const from = firstTest + f * size;
    const to = f === folds - 1 ? n : from + size;
    out.push({ fold: f + 1, train: { from: 0, to: from }, test: { from, to } });
  }
  return out;
}
