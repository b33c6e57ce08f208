import { BTC, d, engineWithBook, summary } from './matching.fixtures';
import { MatchingEngine } from './matching-engine';
import { baseConfig } from './matching.fixtures';

// Book: asks 100.0 x 1, 100.5 x 2, 101.0 x 5; bids 99.5 x 1, 99.0 x 2, 98.5 x 5.
// Fees: maker 0.0002, taker 0.0005. Wallet 10000, leverage 1.
describe('MatchingEngine rejections', () => {
  const engine = engineWithBook();
  const limit = (quantity: string, price: string) =>
    engine.submit({ type: 'limit', symbol: BTC, side: 'buy', quantity: d(quantity), price: d(price) }, 1);

  it.each([
    ['0.0005', '99', 'BELOW_MIN_QUANTITY'],
    ['0', '99', 'BELOW_MIN_QUANTITY'],
    ['1.0005', '99', 'QUANTITY_OFF_LOT'],
    ['1', '99.05', 'PRICE_OFF_TICK'],
    ['1', '0', 'INVALID_PRICE'],
    // 101 * 99 = 9999 fits; 102 * 99 = 10098 > 10000 at leverage 1
    ['102', '99', 'INSUFFICIENT_MARGIN'],
  ])('quantity %s at %s -> %s', (quantity, price, code) => {
    expect(summary(limit(quantity, price))).toEqual([expect.stringContaining(code)]);
  });

  it('an unknown symbol is refused', () => {
    const events = engine.submit({ type: 'market', symbol: 'NOPE', side: 'buy', quantity: d('1') }, 1);
    expect(events).toEqual([expect.objectContaining({ type: 'rejected', reason: 'UNKNOWN_SYMBOL' })]);
  });

  it('a trigger price off tick is refused', () => {
    const events = engine.submit(
      { type: 'stop_market', symbol: BTC, side: 'buy', quantity: d('1'), triggerPrice: d('100.01') },
      1,
    );
    expect(events).toEqual([expect.objectContaining({ reason: 'PRICE_OFF_TICK' })]);
  });

  it('a market order is refused when its worst level needs more margin than is available', () => {
    const small = engineWithBook({ initialBalance: '500' });
    // 6 lots reach the 101 level: 6 * 101 = 606 > 500
    const events = small.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('6') }, 1);
    expect(summary(events)).toEqual(['rejected o1 INSUFFICIENT_MARGIN']);
  });

  it('leverage lowers the margin an order needs, within the instrument maximum', () => {
    const levered = engineWithBook();
    expect(summary(levered.setLeverage(BTC, 101, 1))).toEqual(['rejected  LEVERAGE_OUT_OF_RANGE']);
    levered.setLeverage(BTC, 10, 1);
    // 150 * 99 / 10 = 1485 margin
    expect(summary(limitOn(levered, '150', '99'))).toEqual(['accepted o1']);
    expect(levered.balance().orderMargin.toString()).toBe('1485');
    expect(levered.balance().available.toString()).toBe('8515');
  });
});

function limitOn(engine: MatchingEngine, quantity: string, price: string) {
  return engine.submit(
    { type: 'limit', symbol: BTC, side: 'buy', quantity: d(quantity), price: d(price) },
    1,
  );
}

describe('MatchingEngine money: golden scenarios', () => {
  it('round trip: realized PnL and fees move the wallet', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('2') }, 1);
    engine.onBook({ symbol: BTC, bids: [{ price: d('102'), quantity: d('5') }], asks: [] }, 2);
    const close = engine.submit({ type: 'market', symbol: BTC, side: 'sell', quantity: d('2') }, 3);
    // 2 * (102 - 100.25) = 3.5; fee 2 * 102 * 0.0005 = 0.102
    expect(summary(close)[1]).toBe('filled o2 2@102 taker fee=0.102 pnl=3.5 left=0');
    // 10000 + 3.5 - (0.05 + 0.05025) - 0.102 = 10003.29775
    expect(engine.balance().wallet.toString()).toBe('10003.29775');
    expect(engine.ledger()).toEqual({
      walletChange: d('3.29775'),
      realizedPnl: d('3.5'),
      fees: d('0.20225'),
      funding: d('0'),
    });
  });

  it('a fill through zero closes the position and opens the other side at the fill price', () => {
    const engine = engineWithBook({ defaultLeverage: 5 });
    engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('1') }, 1);
    const events = engine.submit({ type: 'market', symbol: BTC, side: 'sell', quantity: d('3') }, 2);
    // first level 99.5 x 1 closes the long: 1 * (99.5 - 100) = -0.5; then 2 @ 99 opens the short
    expect(summary(events).slice(1)).toEqual([
      'filled o2 1@99.5 taker fee=0.04975 pnl=-0.5 left=2',
      'filled o2 2@99 taker fee=0.099 pnl=0 left=0',
    ]);
    expect(engine.position(BTC)).toMatchObject({ quantity: d('-2'), entryPrice: d('99') });
  });

  it('partial close keeps the average entry', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('3') }, 1);
    // entry (100 + 2 * 100.5) / 3 = 100.333...; closing 1 @ 99.5 releases cost 301 / 3 rounded down
    // at 24 decimals, so it realizes 99.5 - 100.333333333333333333333333
    const events = engine.submit({ type: 'market', symbol: BTC, side: 'sell', quantity: d('1') }, 2);
    const fill = events.find((e) => e.type === 'filled');
    expect(fill?.type === 'filled' && fill.realizedPnl.toString()).toBe('-0.833333333333333333333333');
    // the 2 lots left keep cost 301 - 100.333.. = 200.666..: entry still 100.333..
    expect(engine.position(BTC)?.entryPrice.toDecimalPlaces(6).toString()).toBe('100.333333');
  });

  it('unrealized PnL follows the mark', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('2') }, 1);
    engine.onMark(BTC, d('101.25'), 2);
    // 2 * (101.25 - 100.25) = 2
    expect(engine.position(BTC)?.unrealizedPnl.toString()).toBe('2');
    // equity = 10000 - 0.10025 + 2; position margin 200.5 at leverage 1
    expect(engine.balance()).toMatchObject({ equity: d('10001.89975'), positionMargin: d('200.5') });
    expect(engine.balance().available.toString()).toBe('9801.39975');
  });

  it('funding: a long pays when the rate is positive, a short receives', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('2') }, 1);
    // -(2 * 100 * 0.0001) = -0.02
    expect(summary(engine.applyFunding(BTC, d('0.0001'), d('100'), 2))).toEqual([`funding ${BTC} -0.02`]);
    engine.submit({ type: 'market', symbol: BTC, side: 'sell', quantity: d('3') }, 3);
    // short 1: -(-1 * 100 * 0.0001) = +0.01
    expect(summary(engine.applyFunding(BTC, d('0.0001'), d('100'), 4))).toEqual([`funding ${BTC} 0.01`]);
    // a negative rate: the short pays, -(-1 * 100 * -0.0003) = -0.03
    expect(summary(engine.applyFunding(BTC, d('-0.0003'), d('100'), 5))).toEqual([`funding ${BTC} -0.03`]);
    expect(engine.ledger().funding.toString()).toBe('-0.04');
  });

  it('no position, no funding', () => {
    const engine = new MatchingEngine(baseConfig);
    expect(engine.applyFunding(BTC, d('0.0001'), d('100'), 1)).toEqual([]);
  });

  it('fill events serialise and compare like plain objects (their Dec fields are lazy getters)', () => {
    const engine = engineWithBook();
    const [, fill] = engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('1') }, 1);
    expect(JSON.parse(JSON.stringify(fill))).toEqual({
      type: 'filled',
      at: 1,
      orderId: 'o1',
      fillId: 'f1',
      symbol: BTC,
      side: 'buy',
      liquidity: 'taker',
      price: '100',
      quantity: '1',
      fee: '0.05',
      realizedPnl: '0',
      remaining: '0',
    });
    expect(fill).toEqual(expect.objectContaining({ price: d('100'), fee: d('0.05') }));
  });

  it('ids are deterministic from the prefix and counters', () => {
    const engine = engineWithBook({ idPrefix: 'acc1-' });
    const events = engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('1') }, 1);
    expect(
      events.map((e) => (e.type === 'filled' ? e.fillId : e.type === 'accepted' ? e.orderId : '')),
    ).toEqual(['acc1-o1', 'acc1-f1']);
  });
});
