import { SimMarketGenerator } from '../src/infrastructure/exchanges/sim/sim-market.generator';
import { SIM_MARKETS } from '../src/infrastructure/exchanges/sim/sim-markets';
import { createHash } from 'node:crypto';
import { candleColumns, runBacktest, type BacktestResult, type CandleColumns } from '../src/domain/backtest';
import { resultJson } from '../src/domain/backtest/result-json';
import { Sma } from '../src/domain/indicators';
import type { Instrument } from '../src/domain/matching';
import { Dec } from '../src/domain/shared/decimal';
import { createStrategy, type Strategy } from '../src/domain/strategy';
import type { Report } from './bench.types';

const MINUTE = 60_000;
const BARS = 525_600; // one year of one-minute bars
// sma-cross 20/50 (41 round trips a day); BENCH_SMA=120/720 measures another trade density
const [FAST, SLOW] = smaPeriods(process.env.BENCH_SMA ?? '20/50');

function smaPeriods(text: string): [number, number] {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const fast = Number(match?.[1]);
  const slow = Number(match?.[2]);
  if (!(fast >= 1 && fast < slow)) throw new Error(`BENCH_SMA must be fast/slow, 1 <= fast < slow: ${text}`);
  return [fast, slow];
}

function yearOfCandles(symbol: string): CandleColumns {
  const sim = new SimMarketGenerator('bench-backtest');
  const from = Date.UTC(2024, 0, 1);
  return candleColumns(sim.candles(symbol, '1m', from, from + BARS * MINUTE));
}

/** The limit: the same two SMAs over the closes in a plain loop, nothing else. */
function rawLoop(close: Float64Array): number {
  const fast = new Sma(FAST);
  const slow = new Sma(SLOW);
  let crosses = 0;
  let prevAbove = false;
  for (let i = 0; i < close.length; i++) {
    const c = close[i] as number;
    const above = fast.update(c) > slow.update(c);
    if (above !== prevAbove) crosses++;
    prevAbove = above;
  }
  return crosses;
}

/**
 * The runner's per-bar floor: the raw loop's work (both SMAs and the cross count) as a candle hook,
 * through the same session, equity, metrics and hash, and never an order. Its count is checked
 * against the raw loop's, so the work is done and is the same.
 */
function watchOnly(): { strategy: Strategy<unknown>; crosses: () => number } {
  const fast = new Sma(FAST);
  const slow = new Sma(SLOW);
  let crosses = 0;
  let prevAbove = false;
  const strategy: Strategy<unknown> = {
    initialState: () => undefined,
    onCandle: (_ctx, candle) => {
      const above = fast.update(candle.close) > slow.update(candle.close);
      if (above !== prevAbove) crosses++;
      prevAbove = above;
    },
  };
  return { strategy, crosses: () => crosses };
}

function seconds(f: () => void): number {
  const start = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function best(runs: number, f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, seconds(f));
  return min;
}

export async function run(report: Report): Promise<void> {
  const market = SIM_MARKETS[0];
  if (market === undefined) throw new Error('no sim market');
  const instrument: Instrument = {
    symbol: market.symbol,
    contractType: 'linear',
    tickSize: new Dec(market.tickSize),
    lotSize: new Dec(market.lotSize),
    minQuantity: new Dec(market.minQuantity),
    maxLeverage: 100,
  };
  const data = yearOfCandles(market.symbol);
  if (data.close.length !== BARS) throw new Error(`expected ${BARS} bars, got ${data.close.length}`);
  const quantity = Number(market.minQuantity) * 10;
  const options = {
    symbol: market.symbol,
    instrument,
    timeframeMs: MINUTE,
    initialBalance: '1000000',
    hash: sha256,
  };
  let result: BacktestResult | undefined;
  // the whole run a caller gets: strategy built, every bar, fills, trades, metrics, result hash
  const backtest = (): void => {
    const { strategy } = createStrategy(
      'sma-cross',
      { fast: FAST, slow: SLOW, mode: 'long-short', quantity },
      { symbols: [market.symbol] },
    );
    result = runBacktest(strategy, data, options);
  };
  let quietCrosses = 0;
  const quiet = (): void => {
    const watch = watchOnly();
    runBacktest(watch.strategy, data, options);
    quietCrosses = watch.crosses();
  };
  let crosses = 0;
  const raw = (): void => {
    crosses = rawLoop(data.close);
  };
  raw();
  backtest(); // warm up all three before timing
  quiet();
  // best of 5 for each: the machine may be shared, the best run is the one least disturbed
  const rawSeconds = best(5, raw);
  const backtestSeconds = best(5, backtest);
  const quietSeconds = best(5, quiet);
  if (result === undefined) throw new Error('no backtest result');
  const done = result;
  // what writing the result costs per trade on its own: the canonical JSON and its sha256
  const hashSeconds = best(5, () => void sha256(resultJson(done)));
  if (quietCrosses !== crosses) throw new Error(`watch-only saw ${quietCrosses} crosses, raw ${crosses}`);
  const trades = done.metrics.tradeCount;
  console.error(`backtest: ${done.fillCount} fills, ${trades} trades; raw loop: ${crosses} crosses`);
  report('backtest_1y_1m_s', backtestSeconds, 's'); // goal < 0.5
  report('backtest_bars_per_s', BARS / backtestSeconds, 'bars/s');
  report('raw_loop_bars_per_s', BARS / rawSeconds, 'bars/s');
  // backtest_bars_per_s / raw_loop_bars_per_s; goal >= 0.2
  report('backtest_vs_raw_ratio', rawSeconds / backtestSeconds, 'x');
  // where the time goes (docs/strategies.md, Speed): the bars without a trade, then each trade
  report('backtest_no_trades_1y_ms', quietSeconds * 1000, 'ms');
  report('no_trades_vs_raw_ratio', rawSeconds / quietSeconds, 'x');
  if (trades === 0) return Promise.resolve(); // (a BENCH_SMA so slow that nothing crosses)
  report('backtest_per_trade_us', ((backtestSeconds - quietSeconds) / trades) * 1e6, 'us');
  report('result_json_and_hash_per_trade_us', (hashSeconds / trades) * 1e6, 'us');
  // what a trade may cost, all in, for the 0.2x goal: 5x the raw loop, less the bars, per trade
  report('per_trade_budget_at_0_2x_us', ((5 * rawSeconds - quietSeconds) / trades) * 1e6, 'us');
  return Promise.resolve();
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
