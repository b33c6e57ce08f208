/**
 * The strategies module's public contract. StrategyDefinitions.add() registers more strategy code
 * (a deployment's own strategies) at module init; StrategyRuntime answers what runs in this process.
 */
export { StrategiesModule } from './strategies.module';
export { StrategyDefinitions } from './strategy-definitions';
export { StrategyRuntime, SUPERVISE_EVERY_MS } from './runtime/strategy-runtime';
export { StrategyUpdates, type StrategyUpdate } from './runtime/strategy-updates';
export { STRATEGY_CLOCK, systemClock, type StrategyClock } from './runtime/strategy-clock';
export { hyperliquidWsUrl, LeaderFillsFeed, toLeaderFeed } from './runtime/leader-fills.feed';
