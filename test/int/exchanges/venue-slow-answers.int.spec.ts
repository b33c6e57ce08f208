import {
  binanceUsdmProfile,
  bybitProfile,
  hyperliquidProfile,
} from '../../../src/infrastructure/exchanges/ccxt/venue-profiles';
import type { VenueProfile } from '../../../src/infrastructure/exchanges/ccxt/venue-profile';
import { VenueUnavailableError } from '../../../src/infrastructure/exchanges/exchange.errors';
import { newBinance, newBybit, newHyperliquid, startVenue, type FakeServer } from './venue-harness';

const CASES: { profile: VenueProfile; fake: () => FakeServer; symbol: string }[] = [
  { profile: binanceUsdmProfile, fake: newBinance, symbol: 'BTC/USDT:USDT' },
  { profile: bybitProfile, fake: newBybit, symbol: 'BTC/USDT:USDT' },
  { profile: hyperliquidProfile, fake: newHyperliquid, symbol: 'BTC/USDC:USDC' },
];

/** ccxt's request timeout, shortened so a slow fake trips it quickly (the default is 10 s). */
const TIMEOUT_MS = 300;

describe.each(CASES)('$profile.id: slow answers', ({ profile, fake, symbol }) => {
  it('turns an answer slower than the timeout into VenueUnavailableError, then recovers', async () => {
    const shortTimeout = { ...profile, ccxtConfig: { ...profile.ccxtConfig, timeout: TIMEOUT_MS } };
    const id = profile.id as 'binanceusdm' | 'bybit' | 'hyperliquid';
    const venue = await startVenue(id, fake(), {}, shortTimeout);
    try {
      await venue.adapter.loadMarkets();
      venue.fake.faults.slowDown(TIMEOUT_MS * 10);
      const started = Date.now();
      const error: unknown = await venue.adapter.fetchOrderBook(symbol, 5).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VenueUnavailableError);
      // Cut by the timeout (plus ccxt's own throttle), not by the answer arriving.
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 8);
      // Slow but inside the timeout: answered.
      venue.fake.faults.slowDown(TIMEOUT_MS / 3);
      const book = await venue.adapter.fetchOrderBook(symbol, 5);
      expect(book.bids.length).toBeGreaterThan(0);
    } finally {
      venue.fake.faults.slowDown(0);
      await venue.teardown();
    }
  });
});
