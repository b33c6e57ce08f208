import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config';
import { RealtimeModule } from '../realtime';
import { CandleRepository } from './candles/candle.repository';
import { CandleStore } from './candles/candle-store';
import { FinalCandleCache } from './candles/final-candle-cache';
import { StartWarmupHandler } from './commands/start-warmup/start-warmup.handler';
import { MarketDataHttpController } from './market-data.http.controller';
import { MARKET_CLOCK, systemMarketClock } from './market-clock';
import { MarketResolver } from './market-resolver';
import { FetchOhlcvHandler } from './queries/fetch-ohlcv/fetch-ohlcv.handler';
import { FetchOrderBookHandler } from './queries/fetch-order-book/fetch-order-book.handler';
import { FetchTradesHandler } from './queries/fetch-trades/fetch-trades.handler';
import { GetWarmupHandler } from './queries/get-warmup/get-warmup.handler';
import { ListMarketsHandler } from './queries/list-markets/list-markets.handler';
import { InMemoryRecentTradesRing } from './recent-trades/in-memory-recent-trades-ring';
import { RecentTradesRing } from './recent-trades/recent-trades-ring';
import { RedisRecentTradesRing } from './recent-trades/redis-recent-trades-ring';
import { WarmupProgressFeed } from './warmup/warmup-progress.feed';
import { WarmupRegistry } from './warmup/warmup-registry';
import { WarmupRunner } from './warmup/warmup-runner';
import { WarmupTopicSource } from './warmup/warmup-topic.source';
import { MarketTopicsRegistrar } from './topics/market-topics.registrar';
import { WarmupsHttpController } from './warmups.http.controller';

const RING_REDIS = Symbol('RING_REDIS');

/**
 * Market data: ccxt-shaped snapshots, the candle store with smart warmup, and the recent-trades ring
 * (in Redis when REDIS_URL is set, so instances share it), and their topics on the realtime stream.
 * Not event-sourced (ARCHITECTURE.md §3).
 */
@Module({
  imports: [RealtimeModule],
  controllers: [MarketDataHttpController, WarmupsHttpController],
  providers: [
    {
      provide: RING_REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis | null =>
        config.redisUrl === undefined
          ? null
          : new Redis(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1_000 }),
    },
    {
      provide: RecentTradesRing,
      inject: [RING_REDIS],
      useFactory: (redis: Redis | null): RecentTradesRing =>
        redis === null ? new InMemoryRecentTradesRing() : new RedisRecentTradesRing(redis),
    },
    { provide: FinalCandleCache, useFactory: () => new FinalCandleCache() },
    { provide: MARKET_CLOCK, useFactory: systemMarketClock },
    CandleRepository,
    CandleStore,
    MarketResolver,
    WarmupProgressFeed,
    WarmupRegistry,
    WarmupRunner,
    WarmupTopicSource,
    MarketTopicsRegistrar,
    FetchTradesHandler,
    FetchOhlcvHandler,
    FetchOrderBookHandler,
    ListMarketsHandler,
    StartWarmupHandler,
    GetWarmupHandler,
  ],
  exports: [RecentTradesRing, WarmupProgressFeed, CandleStore],
})
export class MarketDataModule implements OnApplicationShutdown {
  constructor(
    @Inject(RING_REDIS) private readonly redis: Redis | null,
    private readonly ring: RecentTradesRing,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.ring instanceof RedisRecentTradesRing) this.ring.close();
    await this.redis?.quit().catch(() => undefined);
  }
}
