import { parseLimit, parseSince, parseSymbol, parseTimeframe, timeframeMs } from './market-data-request';

/** The code of the DomainError fn throws (undefined when it does not throw). */
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe('market-data request parsing', () => {
  it('timeframes: length, and only the ones the venue serves', () => {
    expect(timeframeMs('15m')).toBe(900_000);
    expect(timeframeMs('1d')).toBe(86_400_000);
    expect(timeframeMs('1w')).toBeNull();
    expect(timeframeMs('0m')).toBeNull();
    expect(parseTimeframe('1h', ['1m', '1h'])).toEqual({ timeframe: '1h', ms: 3_600_000 });
    expect(codeOf(() => parseTimeframe('4h', ['1m', '1h']))).toBe('BAD_TIMEFRAME');
    expect(codeOf(() => parseTimeframe(1, ['1m']))).toBe('BAD_TIMEFRAME');
  });

  it('since: whole, non-negative ms, not after now; never coerced from a string', () => {
    expect(parseSince(undefined, 10)).toBeUndefined();
    expect(parseSince(10, 10)).toBe(10);
    for (const bad of [-1, 1.5, '5', 11, Number.NaN]) {
      expect(codeOf(() => parseSince(bad, 10))).toBe('BAD_SINCE');
    }
  });

  it('limit: whole, from 1 to max', () => {
    expect(parseLimit(undefined, { default: 7, max: 10 })).toBe(7);
    expect(parseLimit(10, { default: 7, max: 10 })).toBe(10);
    for (const bad of [0, 11, 2.5, '3']) {
      expect(codeOf(() => parseLimit(bad, { default: 7, max: 10 }))).toBe('BAD_LIMIT');
    }
  });

  it('symbols: ccxt and native forms pass, junk does not', () => {
    expect(parseSymbol('BTC/USDT:USDT')).toBe('BTC/USDT:USDT');
    expect(parseSymbol('BTCUSDT')).toBe('BTCUSDT');
    for (const bad of ['', ' BTC', 'BTC USDT', 42, 'x'.repeat(65)]) {
      expect(codeOf(() => parseSymbol(bad))).toBe('BAD_SYMBOL');
    }
  });
});
