/** The backtests module's public contract. */
export { BacktestsModule } from './backtests.module';
export type { BacktestRequest, SweepRequest, SweepMetric } from './backtest-request';
