import { BTC, d, engineWithBook, summary } from './matching.fixtures';

// Book: asks 100.0 x 1, 100.5 x 2, 101.0 x 5; bids 99.5 x 1, 99.0 x 2, 98.5 x 5.
// Fees: maker 0.0002, taker 0.0005. Wallet 10000, leverage 1.
describe('MatchingEngine order types', () => {
  it('market: fills level by level as taker', () => {
    const engine = engineWithBook();
    const events = engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('2') }, 1);
    // 1 * 100 * 0.0005 = 0.05; 1 * 100.5 * 0.0005 = 0.05025
    expect(summary(events)).toEqual([
      'accepted o1',
      'filled o1 1@100 taker fee=0.05 pnl=0 left=1',
      'filled o1 1@100.5 taker fee=0.05025 pnl=0 left=0',
    ]);
    expect(engine.position(BTC)?.quantity.toString()).toBe('2');
    // (100 + 100.5) / 2 = 100.25
    expect(engine.position(BTC)?.entryPrice.toString()).toBe('100.25');
  });

  it('market: what the book cannot fill is cancelled', () => {
    const engine = engineWithBook({ defaultLeverage: 10 });
    const events = engine.submit({ type: 'market', symbol: BTC, side: 'sell', quantity: d('9') }, 1);
    expect(summary(events).slice(-1)).toEqual(['cancelled o1 no_liquidity left=1']);
    expect(engine.position(BTC)?.quantity.toString()).toBe('-8');
  });

  it('market: consumed liquidity is gone until the next snapshot', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('1') }, 1);
    const events = engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('1') }, 2);
    expect(summary(events)[1]).toBe('filled o2 1@100.5 taker fee=0.05025 pnl=0 left=0');
  });

  it('limit (gtc): takes what crosses, rests the rest, fills as maker when a trade reaches it', () => {
    const engine = engineWithBook();
    const events = engine.submit(
      { type: 'limit', symbol: BTC, side: 'buy', quantity: d('4'), price: d('100.5') },
      1,
    );
    expect(summary(events)).toEqual([
      'accepted o1',
      'filled o1 1@100 taker fee=0.05 pnl=0 left=3',
      'filled o1 2@100.5 taker fee=0.1005 pnl=0 left=1',
    ]);
    expect(engine.openOrders()).toHaveLength(1);
    // A sell prints at 100.4 below our 100.5 bid: we fill at our price as maker, 0.5 * 100.5 * 0.0002 = 0.01005
    const fills = engine.onTrade({ symbol: BTC, price: d('100.4'), quantity: d('0.5') }, 2);
    expect(summary(fills)).toEqual(['filled o1 0.5@100.5 maker fee=0.01005 pnl=0 left=0.5']);
  });

  it('limit: a new book through the order fills it as maker at its own price', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'limit', symbol: BTC, side: 'sell', quantity: d('1'), price: d('100.2') }, 1);
    const events = engine.onBook(
      { symbol: BTC, bids: [{ price: d('100.4'), quantity: d('3') }], asks: [] },
      2,
    );
    // 1 * 100.2 * 0.0002 = 0.02004
    expect(summary(events)).toEqual(['filled o1 1@100.2 maker fee=0.02004 pnl=0 left=0']);
  });

  it('IOC: the remainder is cancelled instead of resting', () => {
    const engine = engineWithBook();
    const events = engine.submit(
      { type: 'limit', symbol: BTC, side: 'buy', quantity: d('4'), price: d('100.5'), timeInForce: 'ioc' },
      1,
    );
    expect(summary(events).slice(-1)).toEqual(['cancelled o1 ioc_remainder left=1']);
    expect(engine.openOrders()).toHaveLength(0);
  });

  it('FOK: all or nothing', () => {
    const engine = engineWithBook();
    const refused = engine.submit(
      { type: 'limit', symbol: BTC, side: 'buy', quantity: d('4'), price: d('100.5'), timeInForce: 'fok' },
      1,
    );
    expect(summary(refused)).toEqual(['rejected o1 FOK_NOT_FILLABLE']);
    const done = engine.submit(
      { type: 'limit', symbol: BTC, side: 'buy', quantity: d('3'), price: d('100.5'), timeInForce: 'fok' },
      2,
    );
    expect(summary(done)).toHaveLength(3);
    expect(engine.position(BTC)?.quantity.toString()).toBe('3');
  });

  it('post-only: refused when it would cross, rests otherwise', () => {
    const engine = engineWithBook();
    const crossing = engine.submit(
      {
        type: 'limit',
        symbol: BTC,
        side: 'buy',
        quantity: d('1'),
        price: d('100'),
        timeInForce: 'post_only',
      },
      1,
    );
    expect(summary(crossing)).toEqual(['rejected o1 POST_ONLY_WOULD_CROSS']);
    const resting = engine.submit(
      {
        type: 'limit',
        symbol: BTC,
        side: 'buy',
        quantity: d('1'),
        price: d('99.9'),
        timeInForce: 'post_only',
      },
      2,
    );
    expect(summary(resting)).toEqual(['accepted o2']);
  });

  it('reduce-only: refused when flat, capped at the position, never flips it', () => {
    const engine = engineWithBook();
    const flat = engine.submit(
      { type: 'market', symbol: BTC, side: 'sell', quantity: d('1'), reduceOnly: true },
      1,
    );
    expect(summary(flat)).toEqual(['rejected o1 REDUCE_ONLY_WOULD_INCREASE']);
    engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('1') }, 2);
    const adding = engine.submit(
      { type: 'market', symbol: BTC, side: 'buy', quantity: d('1'), reduceOnly: true },
      3,
    );
    expect(summary(adding)).toEqual(['rejected o3 REDUCE_ONLY_WOULD_INCREASE']);
    const closing = engine.submit(
      { type: 'market', symbol: BTC, side: 'sell', quantity: d('3'), reduceOnly: true },
      4,
    );
    // long 1 @ 100 closed at 99.5: 1 * (99.5 - 100) = -0.5; fee 99.5 * 0.0005 = 0.04975
    expect(summary(closing)).toEqual([
      'accepted o4',
      'filled o4 1@99.5 taker fee=0.04975 pnl=-0.5 left=2',
      'cancelled o4 reduce_only left=2',
    ]);
    expect(engine.position(BTC)?.quantity.toString()).toBe('0');
  });

  it('reduce-only resting orders are cancelled when the position is gone', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('1') }, 1);
    engine.submit(
      { type: 'limit', symbol: BTC, side: 'sell', quantity: d('1'), price: d('105'), reduceOnly: true },
      2,
    );
    const events = engine.submit({ type: 'market', symbol: BTC, side: 'sell', quantity: d('1') }, 3);
    expect(summary(events).slice(-1)).toEqual(['cancelled o2 reduce_only left=1']);
  });

  it('stop-market: waits for the last price to reach the trigger, then takes the book', () => {
    const engine = engineWithBook();
    const placed = engine.submit(
      { type: 'stop_market', symbol: BTC, side: 'buy', quantity: d('1'), triggerPrice: d('100.5') },
      1,
    );
    expect(summary(placed)).toEqual(['accepted o1']);
    expect(engine.onTrade({ symbol: BTC, price: d('100.4'), quantity: d('1') }, 2)).toEqual([]);
    const fired = engine.onTrade({ symbol: BTC, price: d('100.5'), quantity: d('1') }, 3);
    expect(summary(fired)).toEqual([
      'triggered o1 last@100.5',
      'filled o1 1@100 taker fee=0.05 pnl=0 left=0',
    ]);
  });

  it('stop-limit: a sell stop fires on a fall and rests its limit', () => {
    const engine = engineWithBook();
    engine.submit(
      {
        type: 'stop_limit',
        symbol: BTC,
        side: 'sell',
        quantity: d('1'),
        triggerPrice: d('99'),
        price: d('99.8'),
      },
      1,
    );
    const fired = engine.onTrade({ symbol: BTC, price: d('99'), quantity: d('1') }, 2);
    expect(summary(fired)).toEqual(['triggered o1 last@99']);
    expect(engine.openOrders()).toEqual([expect.objectContaining({ orderId: 'o1', status: 'resting' })]);
  });

  it('take-profit market: a sell fires when the mark rises to the trigger', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'market', symbol: BTC, side: 'buy', quantity: d('1') }, 1);
    engine.submit(
      {
        type: 'take_profit_market',
        symbol: BTC,
        side: 'sell',
        quantity: d('1'),
        triggerPrice: d('99.5'),
        triggerBy: 'mark',
        reduceOnly: true,
      },
      2,
    );
    expect(engine.onMark(BTC, d('99.4'), 3)).toEqual([]);
    // long 1 @ 100 sold at 99.5: 1 * (99.5 - 100) = -0.5 (a take-profit can lose money when it is set below entry)
    expect(summary(engine.onMark(BTC, d('99.55'), 4))).toEqual([
      'triggered o2 mark@99.5',
      'filled o2 1@99.5 taker fee=0.04975 pnl=-0.5 left=0',
    ]);
  });

  it('take-profit limit: a buy fires when the price falls to the trigger', () => {
    const engine = engineWithBook();
    engine.submit(
      {
        type: 'take_profit_limit',
        symbol: BTC,
        side: 'buy',
        quantity: d('1'),
        triggerPrice: d('99'),
        price: d('99'),
      },
      1,
    );
    expect(engine.onTrade({ symbol: BTC, price: d('99.1'), quantity: d('1') }, 2)).toEqual([]);
    expect(summary(engine.onTrade({ symbol: BTC, price: d('98.9'), quantity: d('1') }, 3))).toEqual([
      'triggered o1 last@99',
    ]);
    // The limit now rests at 99; the next trade through it fills it.
    expect(summary(engine.onTrade({ symbol: BTC, price: d('98.9'), quantity: d('2') }, 4))).toEqual([
      'filled o1 1@99 maker fee=0.0198 pnl=0 left=0',
    ]);
  });

  it('a stop already through its trigger fires at once', () => {
    const engine = engineWithBook();
    engine.onTrade({ symbol: BTC, price: d('100.7'), quantity: d('1') }, 1);
    const events = engine.submit(
      { type: 'stop_market', symbol: BTC, side: 'buy', quantity: d('1'), triggerPrice: d('100.5') },
      2,
    );
    expect(summary(events)[1]).toBe('triggered o1 last@100.5');
  });

  it('cancel: removes a resting or waiting order once', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'limit', symbol: BTC, side: 'buy', quantity: d('1'), price: d('99') }, 1);
    engine.submit(
      { type: 'stop_market', symbol: BTC, side: 'sell', quantity: d('1'), triggerPrice: d('90') },
      2,
    );
    expect(engine.balance().orderMargin.toString()).toBe('99');
    expect(summary(engine.cancel('o1', 3))).toEqual(['cancelled o1 user left=1']);
    expect(summary(engine.cancel('o2', 4))).toEqual(['cancelled o2 user left=1']);
    expect(engine.balance().orderMargin.toString()).toBe('0');
    expect(summary(engine.cancel('o1', 5))).toEqual(['rejected o1 UNKNOWN_ORDER']);
  });

  it('amend: new price and quantity; through the book it trades at once', () => {
    const engine = engineWithBook();
    engine.submit({ type: 'limit', symbol: BTC, side: 'buy', quantity: d('1'), price: d('99') }, 1);
    expect(summary(engine.amend('o1', { quantity: d('2'), price: d('99.2') }, 2))).toEqual([
      'amended o1 2@99.2',
    ]);
    expect(summary(engine.amend('o1', { price: d('100') }, 3))).toEqual([
      'amended o1 2@100',
      'filled o1 1@100 taker fee=0.05 pnl=0 left=1',
    ]);
    expect(engine.openOrders()).toEqual([expect.objectContaining({ orderId: 'o1', filled: d('1') })]);
  });

  it('amend: refusals leave the order as it was', () => {
    const engine = engineWithBook();
    engine.submit(
      { type: 'limit', symbol: BTC, side: 'buy', quantity: d('1'), price: d('99'), timeInForce: 'post_only' },
      1,
    );
    expect(summary(engine.amend('o1', { price: d('100.5') }, 2))).toEqual([
      'rejected o1 POST_ONLY_WOULD_CROSS',
    ]);
    expect(summary(engine.amend('o1', { price: d('99.05') }, 3))).toEqual(['rejected o1 PRICE_OFF_TICK']);
    expect(summary(engine.amend('o1', { quantity: d('500') }, 4))).toEqual([
      'rejected o1 INSUFFICIENT_MARGIN',
    ]);
    expect(summary(engine.amend('nope', { price: d('99') }, 5))).toEqual(['rejected nope UNKNOWN_ORDER']);
    expect(engine.openOrders()).toEqual([expect.objectContaining({ price: d('99'), quantity: d('1') })]);
  });
});
