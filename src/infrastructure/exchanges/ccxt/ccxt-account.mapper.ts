import type { Balances, Position } from 'ccxt';
import type { VenueBalance, VenuePosition } from '../trading.types';
import type { NumberToString } from './ccxt-market-data.mapper';
import { asRecord } from './ccxt-trading.mapper';
import type { VenueProfile } from './venue-profile';

/**
 * ccxt balances and positions as the port's decimal strings: the venue's raw strings where the
 * profile (or Binance's `info`) has them, ccxt's floats formatted only as a fallback.
 */
export function toVenueBalances(
  balance: Balances,
  profile: VenueProfile,
  numberToString: NumberToString,
): VenueBalance[] {
  const raw = profile.balances?.(balance.info);
  if (raw !== undefined && raw.length > 0) return raw;
  const totals = asRecord(balance.total);
  return Object.keys(totals).map((currency) => {
    const entry = asRecord(asRecord(balance)[currency]);
    const dec = (value: unknown): string => (typeof value === 'number' ? numberToString(value) : '0');
    return { currency, total: dec(entry.total), free: dec(entry.free), used: dec(entry.used) };
  });
}

/** Open positions only, signed (negative short), one-way mode. */
export function toVenuePositions(positions: Position[], numberToString: NumberToString): VenuePosition[] {
  return positions
    .filter((p) => typeof p.contracts === 'number' && p.contracts !== 0)
    .map((p) => {
      const info = asRecord(p.info);
      const signed = typeof info.positionAmt === 'string' ? info.positionAmt : undefined;
      const contracts = numberToString(p.contracts ?? 0);
      return {
        symbol: p.symbol ?? '',
        quantity: signed ?? (p.side === 'short' ? `-${contracts}` : contracts),
        entryPrice: typeof info.entryPrice === 'string' ? info.entryPrice : numberToString(p.entryPrice ?? 0),
        unrealizedPnl:
          typeof info.unRealizedProfit === 'string'
            ? info.unRealizedProfit
            : numberToString(p.unrealizedPnl ?? 0),
        leverage: p.leverage ?? null,
      };
    });
}
