import fc from 'fast-check';
import { Dec } from '../shared/decimal';
import {
  applyFill,
  applyFunding,
  averageEntry,
  flatPosition,
  fundingPayment,
  netRealizedPnl,
  unrealizedPnl,
  type Position,
  type PositionFill,
} from './position';
import { positionFromRecord, positionToRecord, positionView } from './position.wire';

const BTC = 'BTC/USDT:USDT';
const d = (value: string | number) => new Dec(value);
const buy = (quantity: string, price: string, fee = '0'): PositionFill => ({
  side: 'buy',
  quantity: d(quantity),
  price: d(price),
  fee: d(fee),
});
const sell = (quantity: string, price: string, fee = '0'): PositionFill => ({
  ...buy(quantity, price, fee),
  side: 'sell',
});
const run = (fills: PositionFill[], from: Position = flatPosition(BTC)) =>
  fills.reduce((p, f) => applyFill(p, f).position, from);
const s = (value: Dec) => value.toString();

describe('positions and PnL: golden scenarios', () => {
  it('builds a long from partial fills of one order at the volume-weighted entry', () => {
    // 0.3 * 100 + 0.7 * 100.5 = 30 + 70.35 = 100.35 for 1 -> average 100.35
    const p = run([buy('0.3', '100'), buy('0.7', '100.5')]);
    expect([s(p.quantity), s(p.cost), s(averageEntry(p))]).toEqual(['1', '100.35', '100.35']);
  });

  it('adds, then reduces: realizes on the part closed, keeps the average, counts fees apart', () => {
    // buy 1 @ 100 and 1 @ 110: cost 210 for 2, average 105
    const added = run([buy('1', '100', '0.05'), buy('1', '110', '0.055')]);
    expect([s(added.quantity), s(averageEntry(added))]).toEqual(['2', '105']);
    const reduced = applyFill(added, sell('0.5', '120', '0.03'));
    // 0.5 * (120 - 105) = 7.5 realized; the cost left is 210 - 0.5 * 105 = 157.5 for 1.5
    expect(s(reduced.realizedPnl)).toBe('7.5');
    const p = reduced.position;
    expect([s(p.quantity), s(p.cost), s(averageEntry(p))]).toEqual(['1.5', '157.5', '105']);
    // fees 0.05 + 0.055 + 0.03 = 0.135; net 7.5 - 0.135 = 7.365
    expect([s(p.fees), s(netRealizedPnl(p))]).toEqual(['0.135', '7.365']);
    // 1.5 * 115 - 157.5 = 172.5 - 157.5 = 15
    expect(s(unrealizedPnl(p, d('115')))).toBe('15');
  });

  it('flips from long to short through zero in one fill', () => {
    const long = run([buy('2', '136.6')]);
    const flip = applyFill(long, sell('3', '148.9', '1.55'));
    // closes 2: 2 * (148.9 - 136.6) = 24.6; opens 1 short at 148.9
    expect([s(flip.realizedPnl), s(flip.closed), s(flip.opened)]).toEqual(['24.6', '2', '1']);
    expect([s(flip.position.quantity), s(averageEntry(flip.position))]).toEqual(['-1', '148.9']);
    // 2 * (148.9 - 136.6) - 1.55 = 23.05
    expect(s(netRealizedPnl(flip.position))).toBe('23.05');
    // short 1 from 148.9 at a mark of 150: 148.9 - 150 = -1.1
    expect(s(unrealizedPnl(flip.position, d('150')))).toBe('-1.1');
  });

  it('closes a short at a profit and goes flat with no cost left', () => {
    // 2 * (50 - 45) = 10
    const p = run([sell('2', '50'), buy('2', '45')]);
    expect([s(p.quantity), s(p.cost), s(p.realizedPnl), s(averageEntry(p))]).toEqual(['0', '0', '10', '0']);
  });

  it('keeps an unexact average exact on the full close', () => {
    // 1 @ 100 + 2 @ 101 = 302 for 3: average 100.666...; selling 3 @ 102 = 306 realizes 306 - 302 = 4
    const open = run([buy('1', '100'), buy('2', '101')]);
    expect(positionView(open, null).averageEntry).toBe('100.666666666667');
    expect(s(run([sell('3', '102')], open).realizedPnl)).toBe('4');
  });

  it('counts a maker rebate as a negative fee', () => {
    // fees 0.1 - 0.02 = 0.08; realized 1 * (101 - 100) = 1; net 1 - 0.08 = 0.92
    const p = run([buy('1', '100', '0.1'), sell('1', '101', '-0.02')]);
    expect([s(p.fees), s(netRealizedPnl(p))]).toEqual(['0.08', '0.92']);
  });

  it('charges funding: longs pay and shorts receive when the rate is positive', () => {
    // 2 * 101 * 0.0001 = 0.0202
    expect(s(fundingPayment(d('2'), d('101'), d('0.0001')))).toBe('-0.0202');
    expect(s(fundingPayment(d('-2'), d('101'), d('0.0001')))).toBe('0.0202');
    expect(s(fundingPayment(d('2'), d('101'), d('-0.0001')))).toBe('0.0202');
    // realized 1 * (105 - 100) = 5, fees 0.1, funding -0.0202 - 0.0202: 5 - 0.1 - 0.0404 = 4.8596
    let p = run([buy('2', '100', '0.1')]);
    p = applyFunding(p, fundingPayment(p.quantity, d('101'), d('0.0001')));
    p = applyFunding(p, fundingPayment(p.quantity, d('101'), d('0.0001')));
    p = run([sell('1', '105')], p);
    expect([s(p.funding), s(netRealizedPnl(p))]).toEqual(['-0.0404', '4.8596']);
  });

  it('round-trips through its stored record and shows a view at the mark', () => {
    const p = run([sell('1.5', '200', '0.3')]);
    expect(positionFromRecord(positionToRecord(p))).toEqual(p);
    // short 1.5 from 200 at 190: 1.5 * (200 - 190) = 15
    expect(positionView(p, d('190'))).toEqual({
      symbol: BTC,
      side: 'short',
      quantity: '-1.5',
      cost: '300',
      averageEntry: '200',
      realizedPnl: '0',
      fees: '0.3',
      funding: '0',
      netRealizedPnl: '-0.3',
      markPrice: '190',
      unrealizedPnl: '15',
    });
  });
});

describe('positions and PnL: properties', () => {
  const fillArb = fc.record({
    side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
    lots: fc.integer({ min: 1, max: 5000 }),
    ticks: fc.integer({ min: 1, max: 200000 }),
  });
  const toFill = (f: { side: 'buy' | 'sell'; lots: number; ticks: number }): PositionFill => ({
    side: f.side,
    quantity: d(f.lots.toString()).div(1000),
    price: d(f.ticks.toString()).div(10),
    fee: d(0),
  });

  it('position = sum of signed fills, and cost >= 0', () => {
    fc.assert(
      fc.property(fc.array(fillArb, { maxLength: 40 }), (raw) => {
        const fills = raw.map(toFill);
        const p = run(fills);
        const signed = fills.reduce(
          (sum, f) => sum.plus(f.side === 'buy' ? f.quantity : f.quantity.neg()),
          d(0),
        );
        expect(s(p.quantity)).toBe(s(signed));
        expect(p.cost.isNegative()).toBe(false);
      }),
    );
  });

  it('once flat again, realized PnL = money in - money out', () => {
    fc.assert(
      fc.property(
        fc.array(fillArb, { maxLength: 30 }),
        fc.integer({ min: 1, max: 200000 }),
        (raw, closeTicks) => {
          const fills = raw.map(toFill);
          const open = run(fills);
          const closing: PositionFill[] = open.quantity.isZero()
            ? []
            : [
                {
                  side: open.quantity.isPositive() ? 'sell' : 'buy',
                  quantity: open.quantity.abs(),
                  price: d(closeTicks).div(10),
                  fee: d(0),
                },
              ];
          const flat = run(closing, open);
          const cash = [...fills, ...closing].reduce(
            (sum, f) => sum.plus(f.side === 'sell' ? f.price.mul(f.quantity) : f.price.mul(f.quantity).neg()),
            d(0),
          );
          expect(flat.quantity.isZero()).toBe(true);
          expect(s(flat.realizedPnl.toDecimalPlaces(20))).toBe(s(cash.toDecimalPlaces(20)));
        },
      ),
    );
  });
});
