import type { Instrument } from '../matching';
import { Dec } from '../shared/decimal';
import { sizePosition } from './position-sizing';
import { InvalidRiskInputError, PositionSizeTooSmallError } from './risk.errors';

const d = (v: string) => new Dec(v);
const btc: Instrument = {
  symbol: 'BTC/USDT:USDT',
  contractType: 'linear',
  tickSize: d('0.1'),
  lotSize: d('0.001'),
  minQuantity: d('0.001'),
  maxLeverage: 100,
};
const size = (equity: string, riskPct: string, entry: string, stop: string, instrument = btc) =>
  sizePosition({
    equity: d(equity),
    riskPct: d(riskPct),
    entryPrice: d(entry),
    stopPrice: d(stop),
    instrument,
  });

describe('position sizing', () => {
  it('long: 10000 * 1% = 100 at risk over 60000 - 59000 = 1000 -> 0.1', () => {
    const r = size('10000', '1', '60000', '59000');
    expect([r.quantity, r.riskAmount, r.stopDistance, r.riskAtStop].map(String)).toEqual([
      '0.1',
      '100',
      '1000',
      '100',
    ]);
  });

  it('short with the stop above, rounded DOWN to the lot: 5000 * 2% = 100 / 300 = 0.3333.. -> 0.333', () => {
    const r = size('5000', '2', '60000', '60300');
    // 0.333 * 300 = 99.9 <= 100
    expect([r.quantity.toString(), r.riskAtStop.toString()]).toEqual(['0.333', '99.9']);
  });

  it('refuses a size below the minimum quantity: 100 * 0.5% = 0.5 / 1000 = 0.0005 -> 0 (422)', () => {
    expect(() => size('100', '0.5', '60000', '59000')).toThrow(PositionSizeTooSmallError);
    const lotOf5 = { ...btc, lotSize: d('0.001'), minQuantity: d('0.005') };
    // 10000 * 1% = 100 / 25000 = 0.004 < 0.005
    expect(() => size('10000', '1', '60000', '35000', lotOf5)).toThrow(PositionSizeTooSmallError);
  });

  it('refuses nonsense input (400)', () => {
    expect(() => size('10000', '1', '60000', '60000')).toThrow(InvalidRiskInputError);
    expect(() => size('10000', '0', '60000', '59000')).toThrow(InvalidRiskInputError);
    expect(() => size('10000', '101', '60000', '59000')).toThrow(InvalidRiskInputError);
    expect(() => size('-1', '1', '60000', '59000')).toThrow(InvalidRiskInputError);
  });
});
