import { createStrategy } from '../strategy';
import { btc, BTC, HOUR, hourly, testHash } from './backtest.testing';
import { runBacktest } from './run-backtest';

// closes           100  110  120  110  100   90  100  120  110  100   90   95
// SMA2               -  105  115  115  105   95   95  110  115  105    -    -
// SMA3               -    -  110 113.3 110  100 96.7 103.3 110  110    -    -
// bar 4: cross down while flat -> nothing; bar 7: cross up -> buy 1; bar 9: cross down -> sell 1
const closes = [100, 110, 120, 110, 100, 90, 100, 120, 110, 100, 90, 95];
// opens are the previous close, except two gaps: bar 8 opens at 121, bar 10 at 99
const opens = closes.map((_, i) => (i === 8 ? 121 : i === 10 ? 99 : i === 0 ? 100 : (closes[i - 1] ?? 0)));
const bars = hourly(
  closes.map((c, i) => {
    const o = opens[i] ?? c;
    return [o, Math.max(o, c) + 1, Math.min(o, c) - 1, c] as const;
  }),
);

const smaCross = () =>
  createStrategy('sma-cross', { fast: 2, slow: 3, quantity: 1 }, { symbols: [BTC] }).strategy;

describe('backtest golden: sma-cross on 12 hourly bars, worked by hand', () => {
  const result = runBacktest(smaCross(), bars, {
    symbol: BTC,
    instrument: btc,
    timeframeMs: HOUR,
    initialBalance: '1000',
    slippageBps: 10, // 0.1 %; fees and funding at their defaults (taker 0.05 %, 0.01 % per 8 h)
    hash: testHash,
  });

  it('enters at the next bar open plus slippage and exits the same way, with fees and funding', () => {
    // entry: bar 7 signals at its close; bar 8 opens at 121 -> ask 121 * 1.001 = 121.121 -> up to the tick: 121.2
    //   taker fee 121.2 * 0.0005 = 0.0606
    // funding at 08:00 = bar 8's open, long 1 at mark 121: pays 1 * 121 * 0.0001 = 0.0121
    // exit: bar 9 signals; bar 10 opens at 99 -> bid 99 * 0.999 = 98.901 -> down to the tick: 98.9
    //   taker fee 98.9 * 0.0005 = 0.04945
    // gross 98.9 - 121.2 = -22.3; fees 0.0606 + 0.04945 = 0.11005; net -22.3 - 0.11005 - 0.0121 = -22.42215
    expect(result.trades).toEqual([
      {
        symbol: BTC,
        side: 'long',
        entryTime: 8 * HOUR,
        exitTime: 10 * HOUR,
        quantity: '1',
        entryPrice: '121.2',
        exitPrice: '98.9',
        grossPnl: '-22.3',
        fees: '0.11005',
        funding: '-0.0121',
        netPnl: '-22.42215',
      },
    ]);
    expect(result.openTrade).toBeNull();
    expect(result.refusals).toEqual([]);
  });

  it('reports the metrics of that one losing trade', () => {
    const m = result.metrics;
    // 1000 - 22.42215 = 977.57785
    expect(m.finalEquity).toBeCloseTo(977.57785, 6);
    expect(m.totalReturn).toBeCloseTo(-0.02242215, 9);
    expect(m.tradeCount).toBe(1);
    expect(m.winRate).toBe(0);
    expect(m.profitFactor).toBe(0); // no wins / 22.42 of losses
    // long at the close of bars 8 and 9 only
    expect(m.exposure).toBeCloseTo(2 / 12, 12);
    expect(m.fees).toBe('0.11005');
    expect(m.funding).toBe('-0.0121');
    // peak 1000 before the entry; the lowest equity, 977.57785 after the exit: 2.242215 %
    // (bar 8 closes at 110 with the position: 1000 - 0.0606 - 0.0121 + (110 - 121.2) = 988.7273)
    expect(m.maxDrawdown).toBeCloseTo(0.02242215, 9);
    // slippage paid: (121.2 - 121) + (99 - 98.9) = 0.3
    expect(m.slippageCost).toBeCloseTo(0.3, 9);
    expect(result.equity.equity[8]).toBeCloseTo(988.7273, 6);
  });

  it('records its assumptions and gives the same hash for the same inputs', () => {
    expect(result.assumptions).toMatchObject({
      makerFeeRate: '0.0002',
      takerFeeRate: '0.0005',
      slippageBps: 10,
      latencyMs: 0,
      funding: { enabled: true, intervalMs: 8 * HOUR, source: 'default', defaultRate: 0.0001 },
    });
    const again = runBacktest(smaCross(), bars, {
      symbol: BTC,
      instrument: btc,
      timeframeMs: HOUR,
      initialBalance: '1000',
      slippageBps: 10,
      hash: testHash,
    });
    expect(again.hash).toBe(result.hash);
    const free = runBacktest(smaCross(), bars, {
      symbol: BTC,
      instrument: btc,
      timeframeMs: HOUR,
      initialBalance: '1000',
      slippageBps: 0,
      fees: { maker: '0', taker: '0' },
      funding: { enabled: false },
      hash: testHash,
    });
    expect(free.hash).not.toBe(result.hash);
    // perfect fills: 99 - 121 = -22 exactly, the costs above are what "honest" adds
    expect(free.trades[0]?.netPnl).toBe('-22');
  });

  it('latency delays the fill: one hour of latency fills at the open after next', () => {
    const late = runBacktest(smaCross(), bars, {
      symbol: BTC,
      instrument: btc,
      timeframeMs: HOUR,
      initialBalance: '1000',
      slippageBps: 0,
      funding: { enabled: false },
      latencyMs: HOUR,
      hash: testHash,
    });
    // entry at bar 9's open (110), exit at bar 11's open (90)
    expect(late.trades.map((t) => [t.entryPrice, t.exitPrice])).toEqual([['110', '90']]);
  });

  it('reports progress every so many bars', () => {
    const reports: [number, number][] = [];
    runBacktest(smaCross(), bars, {
      symbol: BTC,
      instrument: btc,
      timeframeMs: HOUR,
      initialBalance: '1000',
      progress: { everyBars: 5, report: (done, total) => reports.push([done, total]) },
      hash: testHash,
    });
    expect(reports).toEqual([
      [5, 12],
      [10, 12],
    ]);
  });
});
