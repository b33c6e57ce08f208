import { InvalidStrategyParamsError } from '../param-schema';
import { createStrategy } from '../strategy-catalog';
import { StrategySession } from '../strategy-session';
import type { LeaderFill, PlaceIntent, StrategySignal } from '../strategy.types';
import { roundToLots } from './copy-trader.strategy';

const BTC = 'BTC/USDT:USDT';
const ETH = 'ETH/USDC:USDC';

const fill = (fillId: string, symbol: string, side: 'buy' | 'sell', quantity: number): LeaderFill => ({
  fillId,
  symbol,
  side,
  quantity,
  price: 100,
  time: 1000,
});

function follow(params: object = {}): StrategySession {
  const { strategy } = createStrategy(
    'copy-trader',
    { sizeRatio: 0.1, symbolMap: `BTC=${BTC}`, lotSize: 0.001, lotSizes: `${ETH}=0.01`, ...params },
    { symbols: [] },
  );
  const session = new StrategySession(strategy, []);
  session.start(0);
  return session;
}

const orders = (signals: readonly StrategySignal[]) =>
  signals.map((s) => {
    const i = s.intent as PlaceIntent;
    return [s.name, i.symbol, i.side, i.quantity];
  });

/** Reports a market order filled in full at 100 (what the runner does after the venue fills it). */
function filled(session: StrategySession, signals: readonly StrategySignal[], at: number): void {
  for (const s of signals) {
    const i = s.intent as PlaceIntent;
    session.fill(
      {
        ref: i.ref,
        fillId: `our-${i.ref}`,
        at,
        symbol: i.symbol,
        side: i.side,
        price: 100,
        quantity: i.quantity,
        fee: 0,
        remaining: 0,
      },
      at,
    );
  }
}

describe('copy-trader decisions (golden)', () => {
  it('skips the snapshot, mirrors new fills with the ratio and the map, de-duplicates, carries sub-lot remainders', () => {
    const session = follow();
    // the subscription replays history first: nothing copied, but the ids are remembered
    expect(
      session.feed({ type: 'leader-fills', isSnapshot: true, fills: [fill('h1', 'BTC', 'buy', 5)] }, 1),
    ).toEqual([]);
    const signals = session.feed(
      {
        type: 'leader-fills',
        isSnapshot: false,
        fills: [
          fill('h1', 'BTC', 'buy', 5), // replayed again: already seen
          fill('t1', 'BTC', 'buy', 0.5), // 0.5 * 0.1 = 0.05 -> 50 lots of 0.001
          fill('t1', 'BTC', 'buy', 0.5), // duplicate id
          fill('t2', 'BTC', 'buy', 0.0123), // 0.00123 -> 0.001 sent, 0.00023 carried
          fill('t3', 'BTC', 'buy', 0.0081), // 0.00081 + 0.00023 = 0.00104 -> 0.001 sent, 0.00004 carried
          fill('t4', 'ETH', 'sell', 0.35), // unmapped: suffix -> ETH/USDC:USDC; -0.035 -> -0.03 (lot 0.01), -0.005 carried
        ],
      },
      2,
    );
    expect(orders(signals)).toEqual([
      ['copy-trader.mirror', BTC, 'buy', 0.05],
      ['copy-trader.mirror', BTC, 'buy', 0.001],
      ['copy-trader.mirror', BTC, 'buy', 0.001],
      ['copy-trader.mirror', ETH, 'sell', 0.03],
    ]);
    expect(signals[1]?.inputs).toMatchObject({
      leaderFillId: 't2',
      leaderQuantity: 0.0123,
      sizeRatio: 0.1,
      carriedBefore: 0,
      carriedAfter: 0.00023,
    });
    expect(signals[2]?.inputs).toMatchObject({ carriedBefore: 0.00023, carriedAfter: 0.00004 });
    expect(session.describe(2)?.notes).toMatchObject({
      snapshotFillsSkipped: 1,
      duplicatesSkipped: 2,
      fillIdsSeen: 5,
    });
  });

  it('does not copy unmapped symbols when there is no suffix', () => {
    const session = follow({ symbolSuffix: '' });
    const signals = session.feed(
      { type: 'leader-fills', isSnapshot: false, fills: [fill('t1', 'SOL', 'buy', 10)] },
      1,
    );
    expect(signals).toEqual([]);
    expect(session.describe(1)?.notes).toMatchObject({ unmappedSkipped: 1 });
  });

  const positions = (session: StrategySession, at: number, btc?: number) =>
    session.feed(
      {
        type: 'leader-positions',
        time: at,
        positions: btc === undefined ? [] : [{ symbol: 'BTC', quantity: btc }],
      },
      at,
    );

  it("corrects drift against the leader's positions once two updates in a row show it, with no order in flight", () => {
    const session = follow({ driftThresholdPct: 5 });
    const first = session.feed(
      { type: 'leader-fills', isSnapshot: false, fills: [fill('t1', 'BTC', 'buy', 1)] },
      1,
    );
    // in flight: the leader shows 1.2 BTC (expected 0.12) but our 0.1 has not filled yet -> no correction
    expect(positions(session, 2, 1.2)).toEqual([]);
    filled(session, first, 3); // we now hold 0.1
    // expected 1.2 * 0.1 = 0.12, ours 0.1: |0.02| / 0.12 = 16.7 % > 5 %; the first sighting only
    // arms it (the order in flight did not count), the second in a row buys the 0.02
    expect(positions(session, 4, 1.2)).toEqual([]);
    const correction = positions(session, 5, 1.2);
    expect(orders(correction)).toEqual([['copy-trader.drift-correction', BTC, 'buy', 0.02]]);
    expect(correction[0]?.inputs).toMatchObject({
      leaderPosition: 1.2,
      expectedPosition: 0.12,
      position: 0.1,
    });
    expect(correction[0]?.inputs.driftPct).toBeCloseTo(16.6667, 3);
    filled(session, correction, 6);
    // expected 1.25 * 0.1 = 0.125 vs 0.12: 4 % <= 5 % -> within tolerance
    expect(positions(session, 7, 1.25)).toEqual([]);
    expect(positions(session, 8, 1.25)).toEqual([]);
    // the leader closed (absent from the update): expected 0, ours 0.12 -> sell 0.12 on the second update
    expect(positions(session, 9)).toEqual([]);
    const flat = positions(session, 10);
    expect(orders(flat)).toEqual([['copy-trader.drift-correction', BTC, 'sell', 0.12]]);
    expect(session.describe(10)?.rows).toEqual([
      expect.objectContaining({ symbol: BTC, leaderPosition: 0, expectedPosition: 0, driftPct: 100 }),
    ]);
    expect(session.describe(10)?.notes).toMatchObject({ driftAlerts: 2 });
  });

  it('does not correct a positions update that arrives before the leader fill it reflects (no double order)', () => {
    // the venue moves the leader's positions before its userFills message reaches us: a read in that
    // gap sees the leader long 1 BTC while we hold nothing and have no order open
    const session = follow();
    const all: StrategySignal[] = [];
    all.push(...positions(session, 1, 1));
    const mirror = session.feed(
      { type: 'leader-fills', isSnapshot: false, fills: [fill('t1', 'BTC', 'buy', 1)] },
      2,
    );
    all.push(...mirror);
    all.push(...positions(session, 3, 1)); // our mirror order is still open
    filled(session, mirror, 4);
    all.push(...positions(session, 5, 1), ...positions(session, 6, 1)); // aligned: nothing to do
    expect(orders(all)).toEqual([['copy-trader.mirror', BTC, 'buy', 0.1]]);
    expect(session.position(BTC).quantity).toBe(0.1);
    expect(session.describe(6)?.notes).toMatchObject({ driftAlerts: 0 });
  });

  it('does not take two gaps before two equal leader fills for one persistent drift', () => {
    // each read lands before the fill it reflects: leader 1 / ours 0, then leader 2 / ours 0.1;
    // the correction asked for is +0.1 both times, but the positions moved in between
    const session = follow();
    const all: StrategySignal[] = [];
    all.push(...positions(session, 1, 1));
    const first = session.feed(
      { type: 'leader-fills', isSnapshot: false, fills: [fill('t1', 'BTC', 'buy', 1)] },
      2,
    );
    filled(session, first, 3);
    all.push(...first, ...positions(session, 4, 2));
    const second = session.feed(
      { type: 'leader-fills', isSnapshot: false, fills: [fill('t2', 'BTC', 'buy', 1)] },
      5,
    );
    filled(session, second, 6);
    all.push(...second, ...positions(session, 7, 2));
    expect(orders(all)).toEqual([
      ['copy-trader.mirror', BTC, 'buy', 0.1],
      ['copy-trader.mirror', BTC, 'buy', 0.1],
    ]);
    expect(session.position(BTC).quantity).toBe(0.2);
  });

  it('corrects a drift that persists on the second update, and starts the count again when it changes', () => {
    const session = follow();
    // a fill the leader's positions never show: copied (+0.05), then the leader is seen at 0
    const mirror = session.feed(
      { type: 'leader-fills', isSnapshot: false, fills: [fill('t1', 'BTC', 'buy', 0.5)] },
      1,
    );
    filled(session, mirror, 2);
    expect(positions(session, 3, 0.2)).toEqual([]); // expected 0.02, ours 0.05: sell 0.03 armed
    expect(positions(session, 4)).toEqual([]); // a different correction (sell 0.05): armed again
    const corrected = positions(session, 5); // the same one twice in a row: corrected
    expect(orders(corrected)).toEqual([['copy-trader.drift-correction', BTC, 'sell', 0.05]]);
    filled(session, corrected, 6);
    expect(session.position(BTC).quantity).toBe(0);
    expect(positions(session, 7)).toEqual([]);
  });

  it('only reports drift when correctDrift is off, once it is seen on two updates in a row', () => {
    const session = follow({ correctDrift: false });
    expect(positions(session, 1, 2)).toEqual([]);
    expect(session.describe(1)?.notes).toMatchObject({ driftAlerts: 0 });
    expect(positions(session, 2, 2)).toEqual([]);
    expect(positions(session, 3, 2)).toEqual([]);
    expect(session.describe(3)?.notes).toMatchObject({ driftAlerts: 2 });
  });

  it('refuses malformed maps when created', () => {
    expect(() => follow({ symbolMap: 'BTC' })).toThrow(InvalidStrategyParamsError);
    expect(() => follow({ lotSizes: `${BTC}=0` })).toThrow(InvalidStrategyParamsError);
  });

  it('rounds toward zero on the lot grid', () => {
    expect(roundToLots(0.0049, 0.001)).toBe(0.004);
    expect(roundToLots(-0.0049, 0.001)).toBe(-0.004);
    expect(roundToLots(0.3, 0.1)).toBe(0.3); // 0.3 / 0.1 = 2.9999999999999996 in floats: still 3 lots
    expect(roundToLots(2.5e-7, 1e-7)).toBe(2e-7);
  });
});
