import { Dec, toWire } from '../shared/decimal';
import { canonicalJson } from './canonical-json';
import { resultJson } from './result-json';
import { moneyToNumber, moneyToWire, ratioToWire, scaledToWire } from './scaled-money';
import type { BacktestTrade } from './backtest.types';

const units = (x: string): bigint => BigInt(new Dec(x).mul('1e24').toFixed(0));

describe('scaled money: integers of 10^-24 written as Dec would write them', () => {
  it('rounds half-even to 8 decimals, both signs, and strips trailing zeros', () => {
    // 0.123456785 -> tie, 8th digit 8 is even: stays 0.12345678; 0.123456775 -> tie, 7 odd: up to 0.12345678
    expect(moneyToWire(units('0.123456785'))).toBe('0.12345678');
    expect(moneyToWire(units('0.123456775'))).toBe('0.12345678');
    expect(moneyToWire(units('-0.123456785000000001'))).toBe('-0.12345679');
    expect(moneyToWire(units('121.2'))).toBe('121.2');
    expect(moneyToWire(units('-0.000000001'))).toBe('0'); // -0 is written 0
    expect(scaledToWire(1500n, 3)).toBe('1.5');
    expect(scaledToWire(-5n, 3)).toBe('-0.005');
  });

  it('writes safe integers (the arithmetic path) as Dec writes them, at every scale', () => {
    const values = [1, 9, 10, 1234567, 999999999, 100000000, Number.MAX_SAFE_INTEGER, 2 ** 52 + 1];
    for (let i = 1; i < 500; i++) values.push(Math.floor(i * 104729.123 * i * i));
    for (const v of values) {
      for (let dp = 0; dp <= 22; dp++) {
        const viaDec = toWire(new Dec(v).div(new Dec(10).pow(dp)));
        expect(scaledToWire(v, dp)).toBe(viaDec);
        expect(scaledToWire(BigInt(-v), dp)).toBe(`-${viaDec}`);
      }
    }
  });

  it('agrees with Dec on quotients (average prices) over many values', () => {
    for (let i = 1; i < 2000; i++) {
      const num = BigInt(i * 7919 + 13) * 10n ** 20n + BigInt(i);
      const den = BigInt((i % 97) + 1) * 10n ** 24n;
      const viaDec = toWire(new Dec(num.toString()).div(den.toString()).toDecimalPlaces(8));
      expect(ratioToWire(num, den)).toBe(viaDec);
      expect(ratioToWire(-num, den)).toBe(viaDec === '0' ? '0' : `-${viaDec}`);
    }
  });

  it('converts to the float Dec#toNumber gives', () => {
    for (const x of ['0.1', '60000.1', '-0.0000000123456789012345', '123456789.000000000000000001']) {
      expect(moneyToNumber(units(x))).toBe(new Dec(x).toNumber());
    }
    // the 8-decimal fast path (one division) and the parse agree, up to the largest safe integer
    for (let i = 1; i < 3000; i++) {
      const x = new Dec(i * 7919.12345677).mul(i % 2 === 0 ? 1 : -1).toDecimalPlaces(8);
      expect(moneyToNumber(units(x.toFixed()))).toBe(x.toNumber());
    }
    expect(moneyToNumber(units('90071992.54740991'))).toBe(90071992.54740991);
    expect(moneyToNumber(units('90071992.54740993'))).toBe(new Dec('90071992.54740993').toNumber());
  });

  it('writes a result as canonicalJson does, byte for byte', () => {
    const trade: BacktestTrade = {
      symbol: 'BTC/USDT:USDT "quoted"',
      side: 'long',
      entryTime: 1,
      exitTime: 2,
      quantity: '0.5',
      entryPrice: '100',
      exitPrice: '101.5',
      grossPnl: '0.75',
      fees: '0.01',
      funding: '-0.001',
      netPnl: '0.739',
    };
    const value = {
      assumptions: { b: 1, a: { d: 'x', c: null } },
      metrics: { winRate: null, sharpe: NaN, tradeCount: 2 },
      openTrade: trade,
      trades: [trade, { ...trade, side: 'short' as const }],
    };
    type R = Parameters<typeof resultJson>[0];
    expect(resultJson(value as unknown as R)).toBe(canonicalJson(value));
    expect(resultJson({ ...value, openTrade: null } as unknown as R)).toBe(
      canonicalJson({ ...value, openTrade: null }),
    );
  });
});
