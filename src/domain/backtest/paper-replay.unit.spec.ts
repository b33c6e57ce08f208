import { MatchingEngine } from '../matching';
import { Dec } from '../shared/decimal';
import {
  createStrategy,
  StrategySession,
  toOrderRequest,
  type Strategy,
  type StrategyFill,
} from '../strategy';
import { btc, BTC, HOUR, testHash } from './backtest.testing';
import { candleColumns } from './candle-columns';
import { runBacktest } from './run-backtest';

/** Wraps a strategy to record every fill the runner reports back to it. */
function recording<S>(inner: Strategy<S>, fills: StrategyFill[]): Strategy<S> {
  return {
    ...inner,
    onFill(ctx, fill) {
      fills.push(fill);
      inner.onFill?.(ctx, fill);
    },
  };
}

/** A seeded random walk of hourly bars (xorshift: the same bars every run). */
function walk(n: number, seed: number): ReturnType<typeof candleColumns> {
  let x = seed;
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % 10_000) / 10_000;
  };
  let close = 30_000;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const open = close;
    close = Math.round(open * (1 + (next() - 0.5) * 0.02) * 10) / 10;
    const high = Math.max(open, close) + Math.round(next() * 300) / 10;
    const low = Math.min(open, close) - Math.round(next() * 300) / 10;
    rows.push([i * HOUR, open, high, low, close, 1]);
  }
  return candleColumns(rows);
}

/**
 * A paper replay written apart from the backtester: a StrategySession fed bar by bar, its intents
 * sent at the next bar's open to a MatchingEngine through its public API (a book one level deep at
 * the open moved by the slippage, the mark at the open), the engine's Dec fills reported back.
 */
function paperReplay(
  strategy: Strategy<unknown>,
  bars: ReturnType<typeof candleColumns>,
  slippageBps: number,
) {
  const engine = new MatchingEngine({
    instruments: [btc],
    makerFeeRate: '0.0002',
    takerFeeRate: '0.0005',
    initialBalance: '100000',
    idPrefix: 'bt-',
  });
  const session = new StrategySession(strategy, [BTC]);
  const fills: StrategyFill[] = [];
  let pending = [...session.start(0)];
  for (let i = 0; i < bars.close.length; i++) {
    const t = bars.openTime[i] ?? 0;
    const open = bars.open[i] ?? 0;
    const routing = pending;
    pending = [];
    for (const signal of routing) {
      const intent = signal.intent;
      if (intent.kind !== 'place') throw new Error('sma-cross only places');
      const converted = toOrderRequest(intent, btc);
      if (!converted.ok) throw new Error(converted.message);
      const slip = slippageBps / 10_000;
      const level = new Dec(
        intent.side === 'buy'
          ? Math.ceil((open * (1 + slip)) / 0.1 - 1e-9)
          : Math.floor((open * (1 - slip)) / 0.1 + 1e-9),
      ).mul('0.1');
      const book = [{ price: level, quantity: new Dec('1e9') }];
      engine.onBook(
        { symbol: BTC, bids: intent.side === 'sell' ? book : [], asks: intent.side === 'buy' ? book : [] },
        t,
      );
      engine.onMark(BTC, new Dec(open), t);
      for (const e of engine.submit(converted.request, t)) {
        if (e.type !== 'filled') continue;
        const report: StrategyFill = {
          ref: intent.ref,
          fillId: e.fillId,
          at: e.at,
          symbol: BTC,
          side: e.side,
          price: e.price.toNumber(),
          quantity: e.quantity.toNumber(),
          fee: e.fee.toNumber(),
          remaining: e.remaining.toNumber(),
        };
        fills.push(report);
        pending.push(...session.fill(report, t));
      }
    }
    const candle = {
      symbol: BTC,
      openTime: t,
      closeTime: t + HOUR,
      open,
      high: bars.high[i] ?? 0,
      low: bars.low[i] ?? 0,
      close: bars.close[i] ?? 0,
      volume: 1,
    };
    pending.push(...session.candle(candle, t + HOUR));
  }
  return fills;
}

describe('a backtest and a paper replay of the same data give the same fills', () => {
  // paper replay: the same session code, every order through the matching engine bar by bar
  // (fillPath 'engine'); the backtest: the run loop's integer fill path
  const bars = walk(3000, 7);
  const run = (fillPath: 'auto' | 'engine') => {
    const fills: StrategyFill[] = [];
    const { strategy } = createStrategy(
      'sma-cross',
      { fast: 5, slow: 20, mode: 'long-short', quantity: 0.25 },
      {
        symbols: [BTC],
      },
    );
    const result = runBacktest(recording(strategy, fills), bars, {
      symbol: BTC,
      instrument: btc,
      timeframeMs: HOUR,
      initialBalance: '100000',
      latencyMs: 60_000,
      fillPath,
      hash: testHash,
    });
    return { fills, result };
  };

  it('the backtest equals a replay through the engine written apart from it (no latency, no funding)', () => {
    const sma = () =>
      createStrategy(
        'sma-cross',
        { fast: 5, slow: 20, mode: 'long-short', quantity: 0.25 },
        { symbols: [BTC] },
      ).strategy;
    const fills: StrategyFill[] = [];
    runBacktest(recording(sma(), fills), bars, {
      symbol: BTC,
      instrument: btc,
      timeframeMs: HOUR,
      initialBalance: '100000',
      funding: { enabled: false },
      hash: testHash,
    });
    const replayed = paperReplay(sma(), bars, 2);
    expect(fills.length).toBeGreaterThan(100);
    expect(fills).toEqual(replayed);
  });

  it('sma-cross over 3000 hourly bars: fill for fill, trade for trade, the same hash', () => {
    const backtest = run('auto');
    const paper = run('engine');
    expect(backtest.fills.length).toBeGreaterThan(100);
    expect(backtest.fills).toEqual(paper.fills);
    expect(backtest.result.trades).toEqual(paper.result.trades);
    expect(backtest.result.hash).toBe(paper.result.hash);
  });
});
