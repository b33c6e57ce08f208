import { Module, type OnModuleInit } from '@nestjs/common';
import { replayerFromEvolve } from '../../domain/audit';
import {
  STRATEGY_STREAM_PREFIX,
  evolveStrategy,
  initialStrategyState,
} from '../../domain/strategy/lifecycle';
import { AccountsModule } from '../accounts';
import { AuditModule, StreamReplayerRegistry } from '../audit';
import { ExchangeRegistry } from '../exchanges';
import { OrdersModule } from '../orders';
import { RealtimeModule, TopicSources } from '../realtime';
import { ConfigurationCheck } from './commands/register-strategy/configuration-check';
import { ReconfigureStrategyHandler } from './commands/reconfigure-strategy/reconfigure-strategy.handler';
import { RegisterStrategyHandler } from './commands/register-strategy/register-strategy.handler';
import { StartStrategyHandler } from './commands/start-strategy/start-strategy.handler';
import { StopStrategyHandler } from './commands/stop-strategy/stop-strategy.handler';
import { registerPaperVenues } from './paper/paper-venue.adapter';
import { StrategiesProjection } from './projections/strategies.projection';
import { GetStrategyHandler } from './queries/get-strategy/get-strategy.handler';
import { StrategyViews } from './queries/get-strategy/strategy-views';
import { ListStrategiesHandler } from './queries/list-strategies/list-strategies.handler';
import { StrategyRunEventsHandler } from './queries/strategy-events/strategy-run-events.handler';
import { RunnerLease } from './runtime/runner-lease';
import { STRATEGY_CLOCK, systemClock } from './runtime/strategy-clock';
import { StrategyOrderRouter } from './runtime/strategy-order-router';
import { StrategyRuntime } from './runtime/strategy-runtime';
import { StrategyUpdates } from './runtime/strategy-updates';
import { StrategyWindDown } from './runtime/strategy-wind-down';
import { StrategiesHttpController } from './strategies.http.controller';
import { StrategiesRepository } from './strategies.repository';
import { StrategyDefinitions } from './strategy-definitions';
import { StrategyJournal } from './strategy-journal';
import { StrategyTopicSource } from './strategy.topic-source';

/**
 * Running strategies (issue 7): the strategy aggregate, its REST API, the in-process runners
 * (paper and live through orders and risk), the `strategy:{id}` topic and per-run event export.
 */
@Module({
  imports: [AuditModule, AccountsModule, OrdersModule, RealtimeModule],
  controllers: [StrategiesHttpController],
  providers: [
    { provide: STRATEGY_CLOCK, useValue: systemClock },
    StrategyDefinitions,
    StrategyJournal,
    StrategiesRepository,
    StrategiesProjection,
    StrategyUpdates,
    StrategyOrderRouter,
    StrategyWindDown,
    RunnerLease,
    StrategyRuntime,
    StrategyViews,
    StrategyTopicSource,
    ConfigurationCheck,
    RegisterStrategyHandler,
    ReconfigureStrategyHandler,
    StartStrategyHandler,
    StopStrategyHandler,
    GetStrategyHandler,
    ListStrategiesHandler,
    StrategyRunEventsHandler,
  ],
  exports: [StrategyDefinitions, StrategyRuntime, StrategyUpdates],
})
export class StrategiesModule implements OnModuleInit {
  constructor(
    private readonly replayers: StreamReplayerRegistry,
    private readonly topics: TopicSources,
    private readonly topic: StrategyTopicSource,
    private readonly exchanges: ExchangeRegistry,
  ) {}

  onModuleInit(): void {
    this.replayers.register(
      replayerFromEvolve('strategy', STRATEGY_STREAM_PREFIX, initialStrategyState, evolveStrategy),
    );
    this.topics.register('strategy', this.topic);
    registerPaperVenues(this.exchanges);
  }
}
