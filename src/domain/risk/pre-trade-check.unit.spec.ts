import { assertPreTrade } from './pre-trade-check';
import { account, BTC, check, d, ETH, market, NOW, order } from './pre-trade-check.testing';
import { RiskRejectedError } from './risk.errors';
import { UNLIMITED_POLICY, type RiskPolicy } from './risk-policy';

describe('pre-trade risk check: one golden case per rule', () => {
  it('passes an order within every limit', () => {
    const full: Partial<RiskPolicy> = {
      maxOrderNotional: '1000',
      maxPositionNotional: '1000',
      maxGrossExposure: '2000',
      maxOpenOrders: 5,
      maxDailyLoss: '500',
      maxDrawdownPct: '10',
      priceBandPct: '5',
      maxOrdersPerSecond: 5,
      allowedSymbols: [BTC],
    };
    expect(check(order(), full)).toEqual([]);
  });

  it('max order notional: 3 * 100 = 300 > 250', () => {
    expect(check(order({ quantity: d('3') }), { maxOrderNotional: '250' })).toEqual([
      ['max_order_notional', '250', '300'],
    ]);
  });

  it('max order notional of a market order at the mark: 2 * 100 = 200 > 150', () => {
    expect(check(order({ price: null, quantity: d('2') }), { maxOrderNotional: '150' })).toEqual([
      ['max_order_notional', '150', '200'],
    ]);
  });

  it('max position notional at the mark: |4 + 2| * 100 = 600 > 500', () => {
    const a = account({ positions: [{ symbol: BTC, quantity: d('4'), markPrice: d('100') }] });
    expect(check(order({ quantity: d('2') }), { maxPositionNotional: '500' }, a)).toEqual([
      ['max_position_notional', '500', '600'],
    ]);
  });

  it('max gross exposure: ETH |-10| * 30 = 300 plus BTC |1| * 100 = 100 -> 400 > 350', () => {
    const a = account({ positions: [{ symbol: ETH, quantity: d('-10'), markPrice: d('30') }] });
    expect(check(order(), { maxGrossExposure: '350' }, a)).toEqual([['max_gross_exposure', '350', '400']]);
  });

  it('max open orders: 3 open + this one = 4 > 3', () => {
    expect(check(order(), { maxOpenOrders: 3 }, account({ openOrders: 3 }))).toEqual([
      ['max_open_orders', '3', '4'],
    ]);
  });

  it('max daily loss: 10000 - 9400 = 600 >= 500', () => {
    expect(check(order(), { maxDailyLoss: '500' }, account({ equity: d('9400') }))).toEqual([
      ['max_daily_loss', '500', '600'],
    ]);
  });

  it('max drawdown: (12000 - 10200) / 12000 * 100 = 15% >= 10%', () => {
    const a = account({ equity: d('10200'), peakEquity: d('12000') });
    expect(check(order(), { maxDrawdownPct: '10' }, a)).toEqual([['max_drawdown_pct', '10', '15']]);
  });

  it('price band (fat finger): |107 - 100| / 100 * 100 = 7% > 5%, for the trigger too', () => {
    expect(check(order({ price: d('107') }), { priceBandPct: '5' })).toEqual([['price_band_pct', '5', '7']]);
    expect(check(order({ price: d('105') }), { priceBandPct: '5' })).toEqual([]);
    expect(check(order({ price: null, triggerPrice: d('90') }), { priceBandPct: '5' })).toEqual([
      ['price_band_pct', '5', '10'],
    ]);
  });

  it('max orders per second: 2 in the last second (the one at 12:00:00.000 is out) + this = 3 > 2', () => {
    const recentOrderTimes = [
      '2025-03-01T12:00:00.000Z',
      '2025-03-01T12:00:00.400Z',
      '2025-03-01T12:00:00.900Z',
    ].map((t) => Date.parse(t));
    expect(check(order(), { maxOrdersPerSecond: 2 }, account({ recentOrderTimes }))).toEqual([
      ['max_orders_per_second', '2', '3'],
    ]);
    expect(check(order(), { maxOrdersPerSecond: 3 }, account({ recentOrderTimes }))).toEqual([]);
  });

  it('allowed symbols', () => {
    expect(check(order(), { allowedSymbols: [ETH] })).toEqual([['allowed_symbols', ETH, BTC]]);
  });

  it('names every broken rule at once, and assertPreTrade refuses with RISK_REJECTED (422)', () => {
    const policy = { ...UNLIMITED_POLICY, maxOrderNotional: '50', allowedSymbols: [ETH] };
    expect(check(order(), policy)).toEqual([
      ['allowed_symbols', ETH, BTC],
      ['max_order_notional', '50', '100'],
    ]);
    let thrown: unknown;
    try {
      assertPreTrade(order(), policy, account(), market, NOW);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RiskRejectedError);
    expect(thrown).toMatchObject({
      code: 'RISK_REJECTED',
      kind: 'refused',
      details: { violations: [{ rule: 'allowed_symbols' }, { rule: 'max_order_notional' }] },
    });
  });
});

describe('pre-trade risk check: account states', () => {
  const long = account({ positions: [{ symbol: BTC, quantity: d('2'), markPrice: d('100') }] });

  it('HALTED refuses every order but the kill switch’s flatten', () => {
    const halted = { ...long, status: 'HALTED' as const };
    expect(check(order({ side: 'sell', reduceOnly: true }), {}, halted)).toEqual([
      ['account_halted', 'ACTIVE', 'HALTED'],
    ]);
    expect(
      check(
        order({ side: 'sell', price: null, quantity: d('2'), reduceOnly: true, flatten: true }),
        {},
        halted,
      ),
    ).toEqual([]);
  });

  it('REDUCING takes reduce-only and risk-reducing orders only', () => {
    const reducing = { ...long, status: 'REDUCING' as const };
    expect(check(order(), {}, reducing)).toEqual([['account_reducing', 'risk-reducing', 'risk-increasing']]);
    expect(check(order({ side: 'sell', quantity: d('1.5') }), {}, reducing)).toEqual([]);
    // selling 3 against a long of 2 would open a short: not risk-reducing
    expect(check(order({ side: 'sell', quantity: d('3') }), {}, reducing)).toEqual([
      ['account_reducing', 'risk-reducing', 'risk-increasing'],
    ]);
  });

  it('lets a risk-reducing order through the loss and size limits', () => {
    const losing = { ...long, equity: d('9000') };
    const limits = { maxDailyLoss: '500', maxOrderNotional: '10', allowedSymbols: [ETH] };
    expect(check(order({ side: 'sell', quantity: d('2') }), limits, losing)).toEqual([]);
    expect(check(order(), limits, losing).map(([rule]) => rule)).toEqual([
      'allowed_symbols',
      'max_order_notional',
      'max_daily_loss',
    ]);
  });
});
