/** The accounts module's public contract. */
export { AccountsModule } from './accounts.module';
export { AccountDirectory, type AccountRecord } from './account-directory';
export {
  PositionsReader,
  settleCurrencyOf,
  type LedgerBalance,
  type MarkedPosition,
} from './positions.reader';
export { MarketInfo } from './venue/market-info';
export { VenueSessions } from './venue/venue-sessions';
export {
  TradingFeed,
  type OrderChange,
  type PositionChange,
  type TradingChange,
  type TradingTopic,
} from './feed/trading-feed';
export { accountTopicSource } from './feed/positions.topic-source';
