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

/**
 * ccxt's request timeout, shortened so a slow fake trips it quickly (the default is 10 s), yet long
 * enough that an answer a little slow still fits under it with the fake in this process on a loaded machine.
 */
const TIMEOUT_MS = 1_500;
/** Far past the timeout: the request can only end early by being cut. */
const SLOW_MS = TIMEOUT_MS * 10;
/** Slow, but well inside the timeout. */
const A_LITTLE_SLOW_MS = 75;

describe.each(CASES)('$profile.id: slow answers', ({ profile, fake, symbol }) => {
  it('turns an answer slower than the timeout into VenueUnavailableError, then recovers', async () => {
    const shortTimeout = { ...profile, ccxtConfig: { ...profile.ccxtConfig, timeout: TIMEOUT_MS } };
    const id = profile.id as 'binanceusdm' | 'bybit' | 'hyperliquid';
    const venue = await startVenue(id, fake(), {}, shortTimeout);
    try {
      await venue.adapter.loadMarkets();
      venue.fake.faults.slowDown(SLOW_MS);
      const started = Date.now();
      const error: unknown = await venue.adapter.fetchOrderBook(symbol, 5).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VenueUnavailableError);
      // Cut by the timeout (plus ccxt's own throttle), not by the answer arriving.
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(took).toBeLessThan(SLOW_MS - 5_000);
      // Slow but inside the timeout: answered.
      venue.fake.faults.slowDown(A_LITTLE_SLOW_MS);
      const book = await venue.adapter.fetchOrderBook(symbol, 5);
      expect(book.bids.length).toBeGreaterThan(0);
    } finally {
      venue.fake.faults.slowDown(0);
      await venue.teardown();
    }
  });
});
