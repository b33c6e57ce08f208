import { isRiskReducing, type PreTradeOrder } from './pre-trade-check';
import { account, BTC, check, d, ETH, order } from './pre-trade-check.testing';
import type { OpenQuantity } from './worst-case-exposure';

const sell = (quantity: string, o: Partial<PreTradeOrder> = {}): PreTradeOrder =>
  order({ side: 'sell', quantity: d(quantity), ...o });
const buy = (quantity: string) => sell(quantity, { side: 'buy' });
const open = (symbol: string, buyQty: string, sellQty: string): OpenQuantity => ({
  symbol,
  buy: d(buyQty),
  sell: d(sellQty),
});
const long1 = { symbol: BTC, quantity: d('1'), markPrice: d('100') };

describe('stacked risk-reducing orders', () => {
  it('long 1, nothing resting: sell 1 reduces (1 <= 1 - 0)', () => {
    expect(isRiskReducing(sell('1'), d('1'), open(BTC, '0', '0'))).toBe(true);
  });

  it('long 1, sell 1 already resting: another sell 1 does not (1 > 1 - 1 = 0)', () => {
    expect(isRiskReducing(sell('1'), d('1'), open(BTC, '0', '1'))).toBe(false);
  });

  it('long 1, sell 0.6 resting: sell 0.4 reduces (0.4 <= 0.4), sell 0.5 does not (0.5 > 0.4)', () => {
    expect(isRiskReducing(sell('0.4'), d('1'), open(BTC, '0', '0.6'))).toBe(true);
    expect(isRiskReducing(sell('0.5'), d('1'), open(BTC, '0', '0.6'))).toBe(false);
  });

  it('resting buys do not use up what a sell may reduce (long 1, buy 5 resting: sell 1 reduces)', () => {
    expect(isRiskReducing(sell('1'), d('1'), open(BTC, '5', '0'))).toBe(true);
  });

  it('reduce-only stays risk-reducing whatever rests (the venue never lets it pass zero)', () => {
    expect(isRiskReducing(sell('1', { reduceOnly: true }), d('1'), open(BTC, '0', '3'))).toBe(true);
  });

  it('REDUCING, long 1, sell 1 resting: a second sell 1 is refused as account_reducing', () => {
    const a = account({ status: 'REDUCING', positions: [long1], openQuantities: [open(BTC, '0', '1')] });
    expect(check(sell('1'), {}, a)).toEqual([['account_reducing', 'risk-reducing', 'risk-increasing']]);
    expect(check(sell('1'), {}, account({ status: 'REDUCING', positions: [long1] }))).toEqual([]);
  });

  it('HALTED: a flatten close (reduce-only) still passes with the orders being cancelled still open', () => {
    const a = account({ status: 'HALTED', positions: [long1], openQuantities: [open(BTC, '0', '1')] });
    expect(check(sell('1', { reduceOnly: true, flatten: true }), {}, a)).toEqual([]);
    expect(check(sell('1'), {}, a)).toEqual([['account_halted', 'ACTIVE', 'HALTED']]);
  });

  it('ACTIVE, long 1, sell 1 resting: sell 3 more meets the new-risk rules at its worst case', () => {
    // worst short = 1 - (1 + 3) = -3 -> 3 * 100 = 300 > 250
    const a = account({ positions: [long1], openQuantities: [open(BTC, '0', '1')] });
    expect(check(sell('3'), { maxPositionNotional: '250' }, a)).toEqual([
      ['max_position_notional', '250', '300'],
    ]);
  });
});

describe('position and gross limits at the worst case of open orders', () => {
  it('flat, buys 2 resting: buy 1 more is worst case 0 + 2 + 1 = 3 -> 300 > 250', () => {
    const a = account({ openQuantities: [open(BTC, '2', '0')] });
    expect(check(buy('1'), { maxPositionNotional: '250' }, a)).toEqual([
      ['max_position_notional', '250', '300'],
    ]);
  });

  it('flat, buys 1 resting: buy 1 more is 2 -> 200 <= 250, passes', () => {
    const a = account({ openQuantities: [open(BTC, '1', '0')] });
    expect(check(buy('1'), { maxPositionNotional: '250' }, a)).toEqual([]);
  });

  it('resting sells do not net against a new buy (flat, sells 5: buy 2 is max(|2|, |-5|) = 5 -> 500)', () => {
    const a = account({ openQuantities: [open(BTC, '0', '5')] });
    expect(check(buy('2'), { maxPositionNotional: '400' }, a)).toEqual([
      ['max_position_notional', '400', '500'],
    ]);
  });

  it('gross: ETH flat with buys 3 resting at mark 50 (150) + BTC buy 1 (100) = 250 > 200', () => {
    const a = account({
      openQuantities: [open(ETH, '3', '0')],
      openMarks: [{ symbol: ETH, markPrice: d('50') }],
    });
    expect(check(buy('1'), { maxGrossExposure: '200' }, a)).toEqual([['max_gross_exposure', '200', '250']]);
  });

  it('gross: ETH long 1 at 50 with sells 3 resting: worst |1 - 3| = 2 -> 100; + BTC 100 = 200 <= 200', () => {
    const a = account({
      positions: [{ symbol: ETH, quantity: d('1'), markPrice: d('50') }],
      openQuantities: [open(ETH, '0', '3')],
    });
    expect(check(buy('1'), { maxGrossExposure: '200' }, a)).toEqual([]);
    expect(check(buy('1.01'), { maxGrossExposure: '200' }, a)).toEqual([
      ['max_gross_exposure', '200', '201'],
    ]);
  });
});
