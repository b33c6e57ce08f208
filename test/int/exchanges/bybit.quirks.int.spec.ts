import type { BybitFakeServer } from '../../../src/infrastructure/exchanges/fake-venues';
import { waitFor } from '../../../src/infrastructure/exchanges/fake-venues/shared/wait-for';
import { RateLimitedError } from '../../../src/infrastructure/exchanges/exchange.errors';
import type { OrderBook } from '../../../src/infrastructure/exchanges/market-data.types';
import { StreamProbe } from '../../contract/stream-probe';
import { newBybit, startVenue, type VenueUnderTest } from './venue-harness';

const SYMBOL = 'BTC/USDT:USDT';
const TOPIC = 'orderbook.50.BTCUSDT';

/** The venue's book as numbers, top `depth` levels per side, for comparing with a streamed book. */
function venueBook(fake: BybitFakeServer, depth: number): { bids: number[][]; asks: number[][] } {
  const book = fake.data.book('BTC');
  const side = (levels: readonly (readonly [string, string])[]): number[][] =>
    levels.slice(0, depth).map(([price, size]) => [Number(price), Number(size)]);
  return { bids: side(book.bids), asks: side(book.asks) };
}

/** A change far from the top, so `stop()` has a message to settle the pending watch with. */
function nudgeBook(venue: VenueUnderTest<BybitFakeServer>): void {
  venue.fake.data.updateBook('BTC', { bids: [['40000.0', '0.001']], asks: [] });
}

function top(book: OrderBook, depth: number): { bids: number[][]; asks: number[][] } {
  return { bids: book.bids.slice(0, depth), asks: book.asks.slice(0, depth) };
}

describe('bybit through ccxt: book sequence, ticker deltas and rate limits', () => {
  let venue: VenueUnderTest<BybitFakeServer>;

  beforeEach(async () => {
    venue = await startVenue('bybit', newBybit());
  });
  afterEach(async () => {
    await venue.teardown();
  });

  it('takes a u=1 snapshot as a reset of the book, without a resync', async () => {
    // The nudge level exists from the start, so a later nudge never changes the venue's book.
    nudgeBook(venue);
    const books = new StreamProbe(venue.adapter.watchOrderBook(SYMBOL), () => nudgeBook(venue));
    await books.waitForCount(1);
    await waitFor(() => venue.fake.subscribedTopics.includes(TOPIC));
    venue.fake.data.updateBook('BTC', { bids: [['41990.0', '3.000']], asks: [] });
    await books.waitForMore(1);
    // A restart: the venue forgets its sequence and sends u=1; the next delta is u=2.
    venue.fake.restartBookStreams();
    await books.waitForMore(1);
    venue.fake.data.updateBook('BTC', { bids: [['41991.0', '1.500']], asks: [] });
    const [afterRestart] = await books.waitForMore(1);
    if (afterRestart === undefined) throw new Error('no book after the restart');
    expect(top(afterRestart, 10)).toEqual(venueBook(venue.fake, 10));
    expect(venue.logger.lines.some((l) => l.message?.includes('gap'))).toBe(false);
    await books.stop();
  });

  it('resyncs from a fresh snapshot when a delta skips a u', async () => {
    // The nudge level exists from the start, so a later nudge never changes the venue's book.
    nudgeBook(venue);
    const books = new StreamProbe(venue.adapter.watchOrderBook(SYMBOL), () => nudgeBook(venue));
    await books.waitForCount(1);
    await waitFor(() => venue.fake.subscribedTopics.includes(TOPIC));
    venue.fake.faults.gapNextBookDiff();
    // The gapped delta is dropped: the client's book misses this level until it resyncs.
    venue.fake.data.updateBook('BTC', { bids: [['41995.0', '7.000']], asks: [] });
    await waitFor(() => venue.logger.lines.some((l) => l.message?.includes('gap')), 5_000);
    const healed = await books.waitForMatch(
      (book) => book.bids.some(([price, size]) => price === 41995 && size === 7),
      'a resynced book holding the gapped level',
    );
    expect(top(healed, 10)).toEqual(venueBook(venue.fake, 10));
    await books.stop();
  });

  it('merges ticker deltas (only changed fields) into the last snapshot', async () => {
    const tickers = new StreamProbe(venue.adapter.watchTicker(SYMBOL), () => {
      venue.fake.data.pushTrade('BTC', { price: '43334.0', qty: '0.001', side: 'sell' });
    });
    const [snapshot] = await tickers.waitForCount(1);
    if (snapshot === undefined) throw new Error('no ticker snapshot');
    expect(snapshot.openInterest).toBe(68744.761);
    expect(snapshot.fundingRate).toBe(-0.000212);
    expect(snapshot.markPrice).not.toBeNull();
    venue.fake.data.pushTrade('BTC', { price: '43333.0', qty: '0.010', side: 'buy' });
    const merged = await tickers.waitForMatch((t) => t.last === 43333, 'a ticker with the delta price');
    // The delta carried lastPrice only: everything else is still the snapshot's.
    expect(merged.openInterest).toBe(snapshot.openInterest);
    expect(merged.fundingRate).toBe(snapshot.fundingRate);
    expect(merged.markPrice).toBe(snapshot.markPrice);
    expect(merged.nextFundingTime).toBe(snapshot.nextFundingTime);
    expect(merged.high).toBe(snapshot.high);
    await tickers.stop();
  });

  it('turns retCode 10006 into RateLimitedError, with ccxt rate limiting on', async () => {
    const { exchange } = await venue.adapter.ccxt();
    expect(exchange.enableRateLimit).toBe(true);
    expect(exchange.rateLimit).toBeGreaterThan(0);
    await venue.adapter.loadMarkets();
    venue.fake.faults.rateLimitNext(1);
    const error: unknown = await venue.adapter.fetchTicker(SYMBOL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    // X-Bapi-Limit-Reset-Timestamp is one second after the venue clock.
    expect((error as RateLimitedError).details).toMatchObject({ exchange: 'bybit' });
    expect(Number((error as RateLimitedError).details.retryAfterSeconds)).toBeGreaterThanOrEqual(1);
  });
});
