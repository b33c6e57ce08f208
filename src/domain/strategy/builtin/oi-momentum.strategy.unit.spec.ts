import { createStrategy } from '../strategy-catalog';
import { StrategySession } from '../strategy-session';
import type { Candle, PlaceIntent, StrategySignal, Ticker } from '../strategy.types';
import { decideDirection, inFundingCooldown, selectUniverse, vol24hPct } from './oi-momentum.rules';
import type { OiMomentumState } from './oi-momentum.state';
import type { Strategy } from '../strategy-definition';

const BTC = 'BTC/USDT:USDT';
const ETH = 'ETH/USDT:USDT';
const SOL = 'SOL/USDT:USDT';
const DOGE = 'DOGE/USDT:USDT';
const T0 = 1_700_000_000_000; // start
const FUNDING = T0 + 8 * 3600_000; // far from the test's minutes unless a test moves it

const ticker = (symbol: string, over: Partial<Ticker> = {}): Ticker => ({
  symbol,
  timestamp: T0,
  last: 100,
  high24h: 110,
  low24h: 100, // vol24h = (110 - 100) / 100 * 100 = 10 %
  turnover24h: 50_000_000,
  markPrice: 100,
  openInterestValue: 1_000_000,
  nextFundingTime: FUNDING,
  ...over,
});

const closeAt = (symbol: string, close: number, closeTime: number): Candle => ({
  symbol,
  openTime: closeTime - 60_000,
  closeTime,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

const params = {
  warmupMs: 5000,
  minVol24hPct: 5,
  minTurnover24h: 10_000_000,
  maxSymbols: 2,
  priceMovePct: 1, // x
  oiMovePct: 2, // y
  entryOffsetPct: 0.1,
  entryTimeoutMs: 10_000,
  takeProfitPct: 2,
  stopLossPct: 1,
  rearmDelayMs: 1000,
  orderNotional: 1000,
  fundingCooldownMs: 60_000,
};

/** A session past warm-up with BTC in the universe, ARMED at close 100 and OI value 1,000,000. */
function armedSession(over: object = {}): StrategySession<OiMomentumState> {
  const { strategy } = createStrategy('oi-momentum', { ...params, ...over }, { symbols: [] });
  const session = new StrategySession(strategy as Strategy<OiMomentumState>, []);
  session.start(T0);
  session.ticker(ticker(BTC), T0 + 100);
  session.timer(T0 + 5000); // warm-up over: universe [BTC]
  session.candle(closeAt(BTC, 100, T0 + 60_000), T0 + 60_000);
  return session;
}

const intents = (signals: readonly StrategySignal[]) => signals.map((s) => [s.name, s.intent]);

describe('oi-momentum rules', () => {
  it('vol24h is the 24 h range over the low, in %', () => {
    // (123 - 100) / 100 * 100 = 23
    expect(vol24hPct({ high24h: 123, low24h: 100 })).toBeCloseTo(23, 12);
    expect(vol24hPct({ high24h: 1, low24h: 0 })).toBeNaN();
  });

  it('selects volatile, liquid symbols, highest turnover first, at most maxSymbols', () => {
    const universe = selectUniverse(
      [
        ticker(BTC, { turnover24h: 900e6 }),
        ticker(ETH, { turnover24h: 500e6 }),
        ticker(SOL, { turnover24h: 700e6, high24h: 104 }), // vol 4 % < 5 %: out
        ticker(DOGE, { turnover24h: 9e6 }), // turnover below 10M: out
        ticker('XRP/USDT:USDT', { turnover24h: 500e6 }), // ties with ETH: by symbol, after it
      ],
      { minVol24hPct: 5, minTurnover24h: 10e6, maxSymbols: 2 },
    );
    expect(universe.map((u) => u.symbol)).toEqual([BTC, ETH]);
  });

  it('enters only when OI grew by y % and price moved x % (bounds inclusive)', () => {
    const p = { priceMovePct: 1, oiMovePct: 2, sides: 'both' as const };
    expect(decideDirection(1, 2, p)).toBe('LONG');
    expect(decideDirection(-1, 2, p)).toBe('SHORT');
    expect(decideDirection(0.99, 5, p)).toBeUndefined(); // price short of x
    expect(decideDirection(3, 1.99, p)).toBeUndefined(); // OI short of y
    expect(decideDirection(-3, -5, p)).toBeUndefined(); // falling OI: liquidations, never an entry
    expect(decideDirection(3, 5, { ...p, sides: 'short' })).toBeUndefined();
  });

  it('pauses from cooldown before a funding time until cooldown after it', () => {
    expect(inFundingCooldown(1000 - 60, 1000, undefined, 60)).toBe(true);
    expect(inFundingCooldown(1000 - 61, 1000, undefined, 60)).toBe(false);
    expect(inFundingCooldown(1060, 29_800, 1000, 60)).toBe(true); // 60 ms after the last one
    expect(inFundingCooldown(1061, 29_800, 1000, 60)).toBe(false);
  });
});

describe('oi-momentum decisions (golden)', () => {
  it('freezes the universe after the warm-up: a later ticker does not join', () => {
    const { strategy } = createStrategy('oi-momentum', params, { symbols: [] });
    const session = new StrategySession(strategy, []);
    session.start(T0);
    session.ticker(ticker(ETH, { turnover24h: 20e6 }), T0 + 10);
    session.ticker(ticker(SOL, { high24h: 101 }), T0 + 20); // vol 1 %: out
    session.timer(T0 + 4000); // still warming up
    expect(session.describe(T0 + 4000)?.notes).toMatchObject({ phase: 'warming-up', universeSize: 0 });
    session.timer(T0 + 5000);
    session.ticker(ticker(BTC, { turnover24h: 900e6 }), T0 + 6000); // too late
    const view = session.describe(T0 + 6000);
    expect(view?.rows.map((r) => [r.symbol, r.state])).toEqual([[ETH, 'WAITING']]);
  });

  it('arms on a candle close with an OI value, then goes LONG with a limit below the mark', () => {
    const session = armedSession();
    expect(session.describe(T0 + 60_000)?.rows[0]?.state).toBe('ARMED');
    // price +0.5 %, OI +3 %: not enough price
    session.ticker(ticker(BTC, { markPrice: 100.5, openInterestValue: 1_030_000 }), T0 + 61_000);
    expect(session.timer(T0 + 61_000)).toEqual([]);
    // price +1.2 % (>= 1), OI +2.5 % (>= 2): LONG
    session.ticker(ticker(BTC, { markPrice: 101.2, openInterestValue: 1_025_000 }), T0 + 62_000);
    const [signal] = session.timer(T0 + 62_000);
    // limit 101.2 * (1 - 0.1 / 100) = 101.0988; quantity 1000 / 101.0988 = 9.89131...
    expect(signal?.name).toBe('oi-momentum.enter-long');
    const intent = signal?.intent as PlaceIntent & { price: number };
    expect(intent).toMatchObject({ kind: 'place', orderType: 'limit', side: 'buy', symbol: BTC });
    expect(intent.price).toBeCloseTo(101.0988, 9);
    expect(intent.quantity).toBeCloseTo(1000 / 101.0988, 9);
    expect(signal?.inputs).toMatchObject({
      mark: 101.2,
      refClose: 100,
      refOiValue: 1_000_000,
      oiValue: 1_025_000,
    });
    expect(signal?.inputs.priceMovePct).toBeCloseTo(1.2, 9);
    expect(signal?.inputs.oiMovePct).toBeCloseTo(2.5, 9);
    expect(session.describe(T0 + 62_000)?.rows[0]).toMatchObject({ state: 'ENTRY_PENDING' });
  });

  it('goes SHORT when price falls x % on rising OI; never on falling OI', () => {
    const session = armedSession();
    session.ticker(ticker(BTC, { markPrice: 98, openInterestValue: 900_000 }), T0 + 61_000);
    expect(session.timer(T0 + 61_000)).toEqual([]); // -2 % on OI -10 %: no entry
    session.ticker(ticker(BTC, { markPrice: 98, openInterestValue: 1_020_000 }), T0 + 62_000);
    const [signal] = session.timer(T0 + 62_000);
    // sell limit 98 * 1.001 = 98.098
    expect(signal?.name).toBe('oi-momentum.enter-short');
    expect((signal?.intent as { price: number }).price).toBeCloseTo(98.098, 9);
  });

  it('pauses evaluation in the funding cooldown', () => {
    const session = armedSession();
    const funding = T0 + 62_000 + 30_000; // 30 s away, cooldown 60 s
    session.ticker(
      ticker(BTC, { markPrice: 102, openInterestValue: 1_050_000, nextFundingTime: funding }),
      T0 + 61_000,
    );
    expect(session.timer(T0 + 62_000)).toEqual([]);
    expect(session.describe(T0 + 62_000)?.notes).toMatchObject({ fundingCooldown: true });
    // the row shows the countdown: 30 s
    expect(session.describe(T0 + 62_000)?.rows[0]).toMatchObject({
      nextFundingTime: funding,
      fundingCountdownS: 30,
    });
  });

  it('after the entry fills: take-profit and stop-loss; the exit cancels its sibling; re-armed 1 s later', () => {
    const session = armedSession();
    session.ticker(ticker(BTC, { markPrice: 101.2, openInterestValue: 1_025_000 }), T0 + 61_000);
    const [entry] = session.timer(T0 + 62_000);
    const ref = entry?.intent.ref ?? '';
    const exits = session.fill(
      {
        ref,
        fillId: 'f1',
        at: T0 + 63_000,
        symbol: BTC,
        side: 'buy',
        price: 101,
        quantity: 9.8,
        fee: 0,
        remaining: 0,
      },
      T0 + 63_000,
    );
    // long 9.8 at 101: take profit 101 * 1.02 = 103.02, stop 101 * 0.99 = 99.99, both sells, reduce-only
    expect(intents(exits)).toEqual([
      [
        'oi-momentum.take-profit',
        expect.objectContaining({
          orderType: 'take_profit_market',
          side: 'sell',
          quantity: 9.8,
          reduceOnly: true,
        }),
      ],
      [
        'oi-momentum.stop-loss',
        expect.objectContaining({ orderType: 'stop_market', side: 'sell', quantity: 9.8, reduceOnly: true }),
      ],
    ]);
    expect((exits[0]?.intent as { triggerPrice: number }).triggerPrice).toBeCloseTo(103.02, 9);
    expect((exits[1]?.intent as { triggerPrice: number }).triggerPrice).toBeCloseTo(99.99, 9);
    const [tp, sl] = exits.map((e) => e.intent.ref);
    const after = session.fill(
      {
        ref: tp ?? '',
        fillId: 'f2',
        at: T0 + 70_000,
        symbol: BTC,
        side: 'sell',
        price: 103.02,
        quantity: 9.8,
        fee: 0,
        remaining: 0,
      },
      T0 + 70_000,
    );
    expect(intents(after)).toEqual([['oi-momentum.cancel-sibling', { kind: 'cancel', ref: sl }]]);
    expect(session.describe(T0 + 70_000)?.rows[0]?.state).toBe('REARM');
    session.timer(T0 + 70_500);
    expect(session.describe(T0 + 70_500)?.rows[0]?.state).toBe('REARM'); // 0.5 s: still waiting
    session.timer(T0 + 71_000);
    expect(session.describe(T0 + 71_000)?.rows[0]?.state).toBe('ARMED');
  });

  it('cancels an entry after the timeout; an unfilled entry ends the cycle', () => {
    const session = armedSession();
    session.ticker(ticker(BTC, { markPrice: 98, openInterestValue: 1_030_000 }), T0 + 61_000);
    const [entry] = session.timer(T0 + 61_000);
    const ref = entry?.intent.ref ?? '';
    expect(session.timer(T0 + 70_000)).toEqual([]); // 9 s < 10 s
    expect(intents(session.timer(T0 + 71_000))).toEqual([
      ['oi-momentum.entry-timeout', { kind: 'cancel', ref }],
    ]);
    expect(session.timer(T0 + 72_000)).toEqual([]); // asked once
    session.orderClosed({ ref, at: T0 + 72_500, reason: 'user' }, T0 + 72_500);
    expect(session.describe(T0 + 72_500)?.rows[0]?.state).toBe('REARM');
  });

  it('protects what a timed-out entry got; an exit the venue refuses is replaced by a market close', () => {
    const session = armedSession();
    session.ticker(ticker(BTC, { markPrice: 98, openInterestValue: 1_030_000 }), T0 + 61_000);
    const ref = session.timer(T0 + 61_000)[0]?.intent.ref ?? '';
    const fill = { ref, fillId: 'f1', at: T0 + 62_000, symbol: BTC, side: 'sell' as const, fee: 0 };
    expect(session.fill({ ...fill, price: 98.1, quantity: 4, remaining: 6 }, T0 + 62_000)).toEqual([]);
    session.timer(T0 + 71_000); // timeout: cancel asked
    const exits = session.orderClosed({ ref, at: T0 + 71_500, reason: 'user' }, T0 + 71_500);
    // short 4 at 98.1: take profit (a buy) at 98.1 * 0.98 = 96.138, stop at 98.1 * 1.01 = 99.081
    expect(
      exits.map((e) => [e.name, (e.intent as PlaceIntent).side, (e.intent as PlaceIntent).quantity]),
    ).toEqual([
      ['oi-momentum.take-profit', 'buy', 4],
      ['oi-momentum.stop-loss', 'buy', 4],
    ]);
    expect((exits[0]?.intent as { triggerPrice: number }).triggerPrice).toBeCloseTo(96.138, 9);
    const sl = exits[1]?.intent.ref ?? '';
    const close = session.refused(
      { ref: sl, at: T0 + 72_000, intent: 'place', code: 'RISK_LIMIT', message: 'no' },
      T0 + 72_000,
    );
    expect(intents(close)).toEqual([
      [
        'oi-momentum.close-unprotected',
        expect.objectContaining({ orderType: 'market', side: 'buy', quantity: 4, reduceOnly: true }),
      ],
    ]);
    expect(close[0]?.inputs).toMatchObject({ refused: sl, code: 'RISK_LIMIT', position: -4 });
  });
});
