import type { MessageTap } from './message-tap';
import type { TapVerdict, VenueProfile } from './venue-profile';

/**
 * ccxt drops the venue's "candle closed" flag (Binance `k.x`, Bybit `confirm`); this tap keeps it
 * beside ccxt, keyed by market id and open time, so a CandleUpdate says `closed` as the venue did.
 */
export class CandleClosedTap implements MessageTap {
  profile: VenueProfile | undefined;
  private readonly flags = new Map<string, boolean>();

  inspect(_client: unknown, message: unknown): TapVerdict {
    for (const flag of this.profile?.candleClosedFlag?.(message) ?? []) {
      this.flags.set(`${flag.marketId}:${flag.openTime}`, flag.closed);
      // Bounded: only the newest few hundred candles can still be updated.
      if (this.flags.size > 1000) {
        const oldest = this.flags.keys().next();
        if (oldest.done !== true) this.flags.delete(oldest.value);
      }
    }
    return 'pass';
  }

  closed(marketId: string, openTime: number): boolean | undefined {
    return this.flags.get(`${marketId}:${openTime}`);
  }
}
