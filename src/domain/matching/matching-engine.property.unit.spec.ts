import fc from 'fast-check';
import { Dec } from '../shared/decimal';
import { MatchingEngine } from './matching-engine';
import { BTC, baseConfig } from './matching.fixtures';
import type { EngineEvent, OrderRequest } from './matching.types';

type Op =
  | { kind: 'submit'; order: OrderRequest }
  | { kind: 'cancel'; index: number }
  | { kind: 'amend'; index: number; priceTicks: number; lots: number }
  | { kind: 'trade'; priceTicks: number; lots: number }
  | { kind: 'book'; midTicks: number }
  | { kind: 'mark'; priceTicks: number }
  | { kind: 'funding'; rateBp: number; priceTicks: number };

const price = (ticks: number) => new Dec(ticks).div(10); // tick 0.1
const qty = (lots: number) => new Dec(lots).div(1000); // lot 0.001

const sideArb = fc.constantFrom<'buy' | 'sell'>('buy', 'sell');
const ticksArb = fc.integer({ min: 950, max: 1050 });
const lotsArb = fc.integer({ min: 1, max: 3000 });

const orderArb: fc.Arbitrary<OrderRequest> = fc.oneof(
  fc
    .record({ side: sideArb, lots: lotsArb, reduceOnly: fc.boolean() })
    .map((o): OrderRequest => ({
      type: 'market',
      symbol: BTC,
      side: o.side,
      quantity: qty(o.lots),
      reduceOnly: o.reduceOnly,
    })),
  fc
    .record({
      side: sideArb,
      lots: lotsArb,
      ticks: ticksArb,
      tif: fc.constantFrom('gtc', 'ioc', 'fok', 'post_only' as const),
      reduceOnly: fc.boolean(),
    })
    .map((o): OrderRequest => ({
      type: 'limit',
      symbol: BTC,
      side: o.side,
      quantity: qty(o.lots),
      price: price(o.ticks),
      timeInForce: o.tif,
      reduceOnly: o.reduceOnly,
    })),
  fc
    .record({ side: sideArb, lots: lotsArb, ticks: ticksArb, limit: ticksArb, tp: fc.boolean() })
    .map((o): OrderRequest =>
      o.tp
        ? {
            type: 'take_profit_market',
            symbol: BTC,
            side: o.side,
            quantity: qty(o.lots),
            triggerPrice: price(o.ticks),
          }
        : {
            type: 'stop_limit',
            symbol: BTC,
            side: o.side,
            quantity: qty(o.lots),
            triggerPrice: price(o.ticks),
            price: price(o.limit),
          },
    ),
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: orderArb.map((order): Op => ({ kind: 'submit', order })) },
  { weight: 1, arbitrary: fc.nat(30).map((index): Op => ({ kind: 'cancel', index })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ index: fc.nat(30), priceTicks: ticksArb, lots: lotsArb })
      .map((a): Op => ({ kind: 'amend', ...a })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ priceTicks: ticksArb, lots: lotsArb }).map((t): Op => ({ kind: 'trade', ...t })),
  },
  { weight: 1, arbitrary: ticksArb.map((midTicks): Op => ({ kind: 'book', midTicks })) },
  { weight: 1, arbitrary: ticksArb.map((priceTicks): Op => ({ kind: 'mark', priceTicks })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ rateBp: fc.integer({ min: -75, max: 75 }), priceTicks: ticksArb })
      .map((f): Op => ({ kind: 'funding', ...f })),
  },
);

function bookAround(midTicks: number) {
  const levels = Array.from({ length: 20 }, (_, i) => i);
  return {
    symbol: BTC,
    bids: levels.map((i) => ({ price: price(midTicks - 1 - i), quantity: qty(500 + 100 * i) })),
    asks: levels.map((i) => ({ price: price(midTicks + 1 + i), quantity: qty(500 + 100 * i) })),
  };
}

function run(ops: readonly Op[]): { engine: MatchingEngine; events: EngineEvent[] } {
  const engine = new MatchingEngine({ ...baseConfig, defaultLeverage: 20 });
  const events: EngineEvent[] = [...engine.onBook(bookAround(1000), 0)];
  const ids: string[] = [];
  ops.forEach((op, t) => {
    switch (op.kind) {
      case 'submit': {
        const out = engine.submit(op.order, t);
        const first = out[0];
        if (first !== undefined && first.type !== 'funding' && first.type !== 'leverage_changed')
          ids.push(first.orderId);
        events.push(...out);
        break;
      }
      case 'cancel':
        events.push(...engine.cancel(ids[op.index % Math.max(1, ids.length)] ?? 'none', t));
        break;
      case 'amend': {
        const id = ids[op.index % Math.max(1, ids.length)] ?? 'none';
        events.push(...engine.amend(id, { price: price(op.priceTicks), quantity: qty(op.lots) }, t));
        break;
      }
      case 'trade':
        events.push(
          ...engine.onTrade({ symbol: BTC, price: price(op.priceTicks), quantity: qty(op.lots) }, t),
        );
        break;
      case 'book':
        events.push(...engine.onBook(bookAround(op.midTicks), t));
        break;
      case 'mark':
        events.push(...engine.onMark(BTC, price(op.priceTicks), t));
        break;
      case 'funding':
        events.push(...engine.applyFunding(BTC, new Dec(op.rateBp).div(10000), price(op.priceTicks), t));
        break;
    }
  });
  return { engine, events };
}

describe('MatchingEngine properties', () => {
  const ops = fc.array(opArb, { maxLength: 60 });

  it('an order never fills more than its quantity', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const { events } = run(list);
        const quantities = new Map<string, Dec>();
        const filledBy = new Map<string, Dec>();
        for (const e of events) {
          if (e.type === 'accepted') quantities.set(e.orderId, e.order.quantity);
          if (e.type === 'amended') quantities.set(e.orderId, e.quantity);
          if (e.type === 'filled') {
            const total = (filledBy.get(e.orderId) ?? new Dec(0)).add(e.quantity);
            filledBy.set(e.orderId, total);
            expect(total.lte(quantities.get(e.orderId) ?? new Dec(0))).toBe(true);
            expect(e.remaining.isNeg()).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the position is the sum of signed fills', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const { engine, events } = run(list);
        let position = new Dec(0);
        for (const e of events) {
          if (e.type === 'filled')
            position = e.side === 'buy' ? position.add(e.quantity) : position.sub(e.quantity);
        }
        expect(engine.position(BTC)?.quantity.toString()).toBe(position.toString());
      }),
      { numRuns: 150 },
    );
  });

  it('balances conserve: wallet change = realized PnL - fees + funding', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const { engine, events } = run(list);
        let expected = new Dec(0);
        for (const e of events) {
          if (e.type === 'filled') expected = expected.add(e.realizedPnl).sub(e.fee);
          if (e.type === 'funding') expected = expected.add(e.amount);
        }
        const ledger = engine.ledger();
        expect(ledger.walletChange.toString()).toBe(expected.toString());
        expect(ledger.walletChange.toString()).toBe(
          ledger.realizedPnl.sub(ledger.fees).add(ledger.funding).toString(),
        );
        expect(engine.balance().wallet.sub(10000).toString()).toBe(expected.toString());
      }),
      { numRuns: 150 },
    );
  });

  it('reduce-only fills never flip or grow the position', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const { events } = run(list);
        const reduceOnly = new Set<string>();
        let position = new Dec(0);
        for (const e of events) {
          if (e.type === 'accepted' && e.order.reduceOnly === true) reduceOnly.add(e.orderId);
          if (e.type !== 'filled') continue;
          const next = e.side === 'buy' ? position.add(e.quantity) : position.sub(e.quantity);
          if (reduceOnly.has(e.orderId)) {
            expect(next.abs().lte(position.abs())).toBe(true);
            expect(next.isZero() || next.isNeg() === position.isNeg()).toBe(true);
          }
          position = next;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same operations give the same events', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const a = JSON.stringify(run(list).events);
        const b = JSON.stringify(run(list).events);
        expect(a).toBe(b);
      }),
      { numRuns: 50 },
    );
  });
});
