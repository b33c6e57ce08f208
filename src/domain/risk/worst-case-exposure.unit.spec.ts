import { Dec } from '../shared/decimal';
import {
  NO_OPEN_QUANTITY,
  reducibleQuantity,
  withOrder,
  worstCaseNotional,
  worstCasePosition,
} from './worst-case-exposure';

const BTC = 'BTC/USDT:USDT';
const d = (v: string) => new Dec(v);
const open = (buy: string, sell: string) => ({ symbol: BTC, buy: d(buy), sell: d(sell) });

describe('worst-case exposure of a position and its open orders', () => {
  it('flat, buys 2 and sells 3 open: worst case is all sells, -3 (|0 + 2| = 2 < |0 - 3| = 3)', () => {
    expect(worstCasePosition(d('0'), open('2', '3')).toString()).toBe('-3');
  });

  it('long 1, buys 0.5 and sells 3 open: all buys 1.5, all sells -2; worst -2, at mark 100 = 200', () => {
    expect(worstCasePosition(d('1'), open('0.5', '3')).toString()).toBe('-2');
    expect(worstCaseNotional(d('1'), open('0.5', '3'), d('100')).toString()).toBe('200');
  });

  it('short 2, buys 1 open: all buys -1, all sells -2; worst -2 (a buy never adds to a short)', () => {
    expect(worstCasePosition(d('-2'), open('1', '0')).toString()).toBe('-2');
  });

  it('no open orders: the position itself', () => {
    expect(worstCasePosition(d('0.7'), NO_OPEN_QUANTITY(BTC)).toString()).toBe('0.7');
  });

  it('withOrder adds the new order to its side only', () => {
    const after = withOrder(open('1', '2'), 'sell', d('0.5'));
    expect([after.buy.toString(), after.sell.toString()]).toEqual(['1', '2.5']);
  });

  it('reducible: long 1 with 0.4 sells resting = 0.6; with 1.5 resting = 0 (never negative)', () => {
    expect(reducibleQuantity(d('1'), open('5', '0.4')).toString()).toBe('0.6');
    expect(reducibleQuantity(d('1'), open('0', '1.5')).toString()).toBe('0');
  });

  it('reducible: short 2 counts resting buys (2 - 0.5 = 1.5), not sells; flat = 0', () => {
    expect(reducibleQuantity(d('-2'), open('0.5', '9')).toString()).toBe('1.5');
    expect(reducibleQuantity(d('0'), open('0', '0')).toString()).toBe('0');
  });
});
