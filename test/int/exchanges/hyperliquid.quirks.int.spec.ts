import {
  FAKE_TRADING_USER,
  type HyperliquidFakeServer,
} from '../../../src/infrastructure/exchanges/fake-venues';
import { waitFor } from '../../../src/infrastructure/exchanges/fake-venues/shared/wait-for';
import { RateLimitedError } from '../../../src/infrastructure/exchanges/exchange.errors';
import type { TradingSession } from '../../../src/infrastructure/exchanges/exchange-adapter.port';
import type { VenueFill } from '../../../src/infrastructure/exchanges/trading.types';
import { StreamProbe, sleep } from '../../contract/stream-probe';
import { newHyperliquid, startVenue, type VenueUnderTest } from './venue-harness';

const USER = FAKE_TRADING_USER;
const FILLS_TOPIC = `userFills:${USER}`;
const CREDENTIALS = {
  HL_TEST_WALLET_ADDRESS: USER,
  HL_TEST_PRIVATE_KEY: `0x${'22'.repeat(32)}`,
};

describe('hyperliquid through ccxt: replayed fills and rate limits', () => {
  let venue: VenueUnderTest<HyperliquidFakeServer>;
  let session: TradingSession;

  beforeEach(async () => {
    venue = await startVenue('hyperliquid', newHyperliquid(), CREDENTIALS);
    session = venue.adapter.trading({ accountId: 'hl-quirks', credentialsEnv: 'HL_TEST' });
  });
  afterEach(async () => {
    await session.close();
    await venue.teardown();
  });

  const fill = (px: string): number =>
    venue.fake.addUserFill(USER, { coin: 'BTC', px, sz: '0.010', side: 'B' }).tid;

  it('does not yield the isSnapshot replay on subscribe, then yields each new fill once', async () => {
    const history = [fill('41000.0'), fill('41001.0')];
    const fills = new StreamProbe<VenueFill>(session.watchFills());
    await waitFor(() => venue.fake.subscribedTopics.includes(FILLS_TOPIC), 10_000);
    // The replay (both history fills, isSnapshot: true) went out with the subscription ack.
    await sleep(200);
    const live = fill('42000.0');
    const first = await fills.waitForMatch(() => true, 'a fill');
    expect(first.fillId).toBe(String(live));
    expect(first.price).toBe('42000.0');
    await sleep(200);
    expect(fills.items.map((f) => f.fillId)).toEqual([String(live)]);
    expect(fills.items.some((f) => history.map(String).includes(f.fillId))).toBe(false);
  });

  it('does not yield the replay after a reconnect, fills missed meanwhile included', async () => {
    fill('41000.0');
    const fills = new StreamProbe<VenueFill>(session.watchFills());
    await waitFor(() => venue.fake.subscribedTopics.includes(FILLS_TOPIC), 10_000);
    await sleep(200);
    const beforeDrop = fill('42000.0');
    await fills.waitForMatch((f) => f.fillId === String(beforeDrop), 'the live fill before the drop');
    venue.fake.faults.dropAllConnections();
    // Pushed at once, to nobody (the sockets are already closing): it comes back only inside the
    // resubscription's isSnapshot replay, and reconciliation (fetchFills over REST) applies it.
    const missed = fill('42500.0');
    await waitFor(() => venue.fake.subscribedTopics.includes(FILLS_TOPIC), 10_000);
    await sleep(200);
    const afterReconnect = fill('43000.0');
    await fills.waitForMatch((f) => f.fillId === String(afterReconnect), 'the live fill after the reconnect');
    expect(fills.items.map((f) => f.fillId)).toEqual([String(beforeDrop), String(afterReconnect)]);
    expect(fills.items.some((f) => f.fillId === String(missed))).toBe(false);
    const rest = await session.fetchFills({ symbol: 'BTC/USDC:USDC' });
    expect(rest.map((f) => f.fillId)).toContain(String(missed));
  });

  it('turns an HTTP 429 into RateLimitedError, with ccxt rate limiting on', async () => {
    const { exchange } = await venue.adapter.ccxt();
    expect(exchange.enableRateLimit).toBe(true);
    expect(exchange.rateLimit).toBeGreaterThan(0);
    await venue.adapter.loadMarkets();
    venue.fake.faults.rateLimitNext(1);
    const error: unknown = await venue.adapter.fetchOrderBook('BTC').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).details).toMatchObject({
      exchange: 'hyperliquid',
      retryAfterSeconds: 60,
    });
  });
});
