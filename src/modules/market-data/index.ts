/** The market-data module's public contract. */
export { MarketDataModule } from './market-data.module';
export { CandleStore } from './candles/candle-store';
export { MARKET_CLOCK, systemMarketClock, type MarketClock } from './market-clock';
export {
  RecentTradesRing,
  DEFAULT_RING_LIMITS,
  type RecentTradesRingLimits,
  type RingCoverage,
} from './recent-trades/recent-trades-ring';
export { InMemoryRecentTradesRing } from './recent-trades/in-memory-recent-trades-ring';
export { RedisRecentTradesRing } from './recent-trades/redis-recent-trades-ring';
export { WarmupProgressFeed } from './warmup/warmup-progress.feed';
export type { WarmupUpdate } from './warmup/warmup';
export type { WarmupProgress, WarmupStatus } from '../../domain/market-data';
