import { BadLimitError, BadSinceError, BadTimeframeError, MalformedSymbolError } from './market-data.errors';

/**
 * Parsing of the raw request fields shared by every market-data operation, so that `since`, `limit`,
 * `timeframe` and `symbol` mean the same thing (and fail with the same code) on every venue.
 * The raw values come straight from JSON: anything but the right type is refused, never coerced.
 */

// No weeks or months: a week's candles open on a weekday the epoch does not align to.
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const TIMEFRAME = /^([1-9]\d{0,2})([mhd])$/;
const SYMBOL = /^[A-Za-z0-9][A-Za-z0-9/:._-]{0,63}$/;

/** The length of a timeframe such as '1m', '4h', '1d' in ms; null when it is not one. */
export function timeframeMs(timeframe: string): number | null {
  const match = TIMEFRAME.exec(timeframe);
  if (match === null) return null;
  const [, count, unit] = match;
  return Number(count) * (UNIT_MS[unit ?? ''] ?? Number.NaN);
}

/** A timeframe the venue serves (its capabilities list), with its length. */
export function parseTimeframe(raw: unknown, served: readonly string[]): { timeframe: string; ms: number } {
  const ms = typeof raw === 'string' ? timeframeMs(raw) : null;
  if (typeof raw !== 'string' || ms === null) {
    throw new BadTimeframeError(`timeframe must be one of ${served.join(', ')}, got ${JSON.stringify(raw)}`, {
      timeframe: raw ?? null,
      supported: served,
    });
  }
  if (!served.includes(raw)) {
    throw new BadTimeframeError(`this exchange serves the timeframes ${served.join(', ')}, not ${raw}`, {
      timeframe: raw,
      supported: served,
    });
  }
  return { timeframe: raw, ms };
}

/** `since`: absent, or a whole number of ms since the epoch, not negative and not after now. */
export function parseSince(raw: unknown, now: number): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) {
    throw new BadSinceError(`since must be a whole, non-negative number of ms since the epoch`, {
      since: raw,
    });
  }
  if (raw > now) {
    throw new BadSinceError(`since lies in the future (${raw} > ${now})`, { since: raw, now });
  }
  return raw;
}

/** `limit`: absent (the default) or a whole number from 1 to max. */
export function parseLimit(raw: unknown, bounds: { default: number; max: number }): number {
  if (raw === undefined || raw === null) return bounds.default;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > bounds.max) {
    throw new BadLimitError(`limit must be a whole number from 1 to ${bounds.max}`, {
      limit: raw,
      max: bounds.max,
    });
  }
  return raw;
}

/** A syntactic check only: whether the venue lists the market is the adapter's answer. */
export function parseSymbol(raw: unknown): string {
  if (typeof raw !== 'string' || !SYMBOL.test(raw)) {
    throw new MalformedSymbolError(`symbol must be a market symbol such as BTC/USDT:USDT or BTCUSDT`, {
      symbol: raw ?? null,
    });
  }
  return raw;
}
