import { CcxtExchangeAdapter } from '../../../src/infrastructure/exchanges/ccxt/ccxt-exchange.adapter';
import type { VenueLogger } from '../../../src/infrastructure/exchanges/ccxt/venue-logger';
import type { VenueProfile } from '../../../src/infrastructure/exchanges/ccxt/venue-profile';
import {
  BinanceUsdmFakeServer,
  BybitFakeServer,
  CoinbaseFakeServer,
  FAKE_TRADING_USER,
  HyperliquidFakeServer,
} from '../../../src/infrastructure/exchanges/fake-venues';

export type FakeServer = BinanceUsdmFakeServer | BybitFakeServer | HyperliquidFakeServer | CoinbaseFakeServer;
export type FakeVenueId = 'binanceusdm' | 'bybit' | 'hyperliquid' | 'coinbase';

/** A logger that remembers what it was told, so tests can check warnings and absent secrets. */
export class RecordingLogger implements VenueLogger {
  readonly lines: { level: string; object: object; message?: string }[] = [];
  warn(object: object, message?: string): void {
    this.lines.push({ level: 'warn', object, message });
  }
  info(object: object, message?: string): void {
    this.lines.push({ level: 'info', object, message });
  }
  debug(object: object, message?: string): void {
    this.lines.push({ level: 'debug', object, message });
  }
  text(): string {
    return JSON.stringify(this.lines);
  }
}

export interface VenueUnderTest<F extends FakeServer> {
  fake: F;
  adapter: CcxtExchangeAdapter;
  logger: RecordingLogger;
  env: Record<string, string>;
  teardown(): Promise<void>;
}

/** Starts a fake and a ccxt adapter pointed at it through EXCHANGE_<ID>_REST_URL / _WS_URL. */
export async function startVenue<F extends FakeServer>(
  id: FakeVenueId,
  fake: F,
  extraEnv: Record<string, string> = {},
  profile?: VenueProfile,
): Promise<VenueUnderTest<F>> {
  const { restUrl, wsUrl } = await fake.start();
  const prefix = `EXCHANGE_${id.toUpperCase()}`;
  const env = { [`${prefix}_REST_URL`]: restUrl, [`${prefix}_WS_URL`]: wsUrl, ...extraEnv };
  const logger = new RecordingLogger();
  const adapter = new CcxtExchangeAdapter(id, {
    env,
    logger,
    profile,
    backoff: { initialMs: 20, maxMs: 200 },
  });
  return {
    fake,
    adapter,
    logger,
    env,
    teardown: async () => {
      await adapter.close();
      await fake.stop();
    },
  };
}

/** The first value of an async iterable that matches, then stops iterating (unsubscribes). */
export async function firstMatching<T>(
  iterable: AsyncIterable<T>,
  matches: (value: T) => boolean,
): Promise<T> {
  for await (const value of iterable) if (matches(value)) return value;
  throw new Error('stream ended before a match');
}

export function newBinance(): BinanceUsdmFakeServer {
  return new BinanceUsdmFakeServer();
}
export function newBybit(): BybitFakeServer {
  return new BybitFakeServer();
}
export function newHyperliquid(): HyperliquidFakeServer {
  return new HyperliquidFakeServer();
}

/**
 * The fake holds live subscriptions for the account's own orders and/or fills (after a drop: the
 * new ones). Binance has one user-data stream for both.
 */
export function ownStreamsSubscribed(fake: FakeServer, streams: readonly ('orders' | 'fills')[]): boolean {
  if (fake instanceof BinanceUsdmFakeServer) return fake.userStreamCount > 0;
  if (fake instanceof BybitFakeServer)
    return streams.every((s) => fake.privateTopics.includes(s === 'orders' ? 'order' : 'execution'));
  if (fake instanceof HyperliquidFakeServer) {
    const topics = fake.subscribedTopics;
    return streams.every((s) =>
      topics.includes(`${s === 'orders' ? 'orderUpdates' : 'userFills'}:${FAKE_TRADING_USER}`),
    );
  }
  return false;
}
