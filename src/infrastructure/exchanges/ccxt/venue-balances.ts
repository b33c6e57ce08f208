import { Dec, toWire } from '../../../domain/shared/decimal';
import type { VenueBalance } from '../trading.types';
import { asRecord } from './ccxt-trading.mapper';

/**
 * Balances read from the venue's raw answer (`info` of ccxt's fetchBalance), as decimal strings:
 * ccxt derives `free` or `used` with binary floats where the venue sends only two of the three.
 */

/** Binance USDⓈ-M `account` (v2/v3): per asset walletBalance and availableBalance. */
export function binanceAccountBalances(info: unknown): VenueBalance[] | undefined {
  const assets = asRecord(info).assets;
  if (!Array.isArray(assets)) return undefined;
  return assets.map(asRecord).flatMap((a) => {
    const { asset, walletBalance, availableBalance } = a;
    if (
      typeof asset !== 'string' ||
      typeof walletBalance !== 'string' ||
      typeof availableBalance !== 'string'
    )
      return [];
    const used = toWire(new Dec(walletBalance).minus(availableBalance));
    return [{ currency: asset, total: walletBalance, free: availableBalance, used }];
  });
}

/** Hyperliquid `clearinghouseState`: USDC account value, of which totalMarginUsed is held. */
export function hyperliquidClearinghouseBalances(info: unknown): VenueBalance[] | undefined {
  const summary = asRecord(asRecord(info).marginSummary);
  const { accountValue, totalMarginUsed } = summary;
  if (typeof accountValue !== 'string' || typeof totalMarginUsed !== 'string') return undefined;
  const free = toWire(new Dec(accountValue).minus(totalMarginUsed));
  return [{ currency: 'USDC', total: accountValue, free, used: totalMarginUsed }];
}
