/**
 * The backtester core (issue 7), pure. The Nest side (POST /v1/backtests, worker threads, progress,
 * the HTML report) wraps these:
 *   - runBacktest(strategy, candles, options) -> BacktestResult {trades, openTrade, equity curve,
 *     metrics, assumptions, refusals, failure, hash}. Candles as Float64Array columns; options carry
 *     the instrument, fees / slippage / funding (on by default), latency, leverage and the injected
 *     hash (sha256 from node:crypto on the Nest side) of the canonical JSON of trades + metrics.
 *   - backtestAssumptions(options) for showing the defaults before a run; FILL_MODEL in words.
 *   - sweeps: expandGrid(grid), rankBy(results, metric), walkForwardSplits(n, folds, trainFraction).
 */
export * from './backtest.types';
export {
  runBacktest,
  backtestAssumptions,
  FILL_MODEL,
  DEFAULT_FEES,
  DEFAULT_FUNDING_RATE,
  DEFAULT_SLIPPAGE_BPS,
} from './run-backtest';
export { computeMetrics, YEAR_MS, type MetricInputs } from './backtest-metrics';
export { canonicalJson } from './canonical-json';
export { candleColumns, sliceColumns } from './candle-columns';
export {
  expandGrid,
  rankBy,
  walkForwardSplits,
  type RankedRun,
  type WalkForwardSplit,
  type ParamGrid,
} from './parameter-sweep';
