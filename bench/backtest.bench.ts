import { SimMarketGenerator } from '../src/infrastructure/exchanges/sim/sim-market.generator';
import { SIM_MARKETS } from '../src/infrastructure/exchanges/sim/sim-markets';
import { createHash } from 'node:crypto';
import { candleColumns, runBacktest, type CandleColumns } from '../src/domain/backtest';
import { Sma } from '../src/domain/indicators';
import type { Instrument } from '../src/domain/matching';
import { Dec } from '../src/domain/shared/decimal';
import { createStrategy } from '../src/domain/strategy';
import type { Report } from './bench.types';

const MINUTE = 60_000;
const BARS = 525_600; // one year of one-minute bars
const FAST = 20;
const SLOW = 50;

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
  let trades = 0;
  let fills = 0;
  // the whole run a caller gets: strategy built, every bar, fills, trades, metrics, result hash
  const backtest = (): void => {
    const { strategy } = createStrategy(
      'sma-cross',
      { fast: FAST, slow: SLOW, mode: 'long-short', quantity },
      { symbols: [market.symbol] },
    );
    const result = runBacktest(strategy, data, {
      symbol: market.symbol,
      instrument,
      timeframeMs: MINUTE,
      initialBalance: '1000000',
      hash: (text) => createHash('sha256').update(text).digest('hex'),
    });
    trades = result.metrics.tradeCount;
    fills = result.fillCount;
  };
  let crosses = 0;
  const raw = (): void => {
    crosses = rawLoop(data.close);
  };
  raw();
  backtest(); // warm up both before timing
  // best of 5 for both: the machine may be shared, the best run is the one least disturbed
  const rawSeconds = best(5, raw);
  const backtestSeconds = best(5, backtest);
  console.error(`backtest: ${fills} fills, ${trades} trades; raw loop: ${crosses} crosses`);
  report('backtest_1y_1m_s', backtestSeconds, 's'); // goal < 0.5
  report('backtest_bars_per_s', BARS / backtestSeconds, 'bars/s');
  report('raw_loop_bars_per_s', BARS / rawSeconds, 'bars/s');
  // backtest_bars_per_s / raw_loop_bars_per_s; goal >= 0.2
  report('backtest_vs_raw_ratio', rawSeconds / backtestSeconds, 'x');
  return Promise.resolve();
}
