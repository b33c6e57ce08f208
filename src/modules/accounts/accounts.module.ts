import { Module, type OnModuleInit } from '@nestjs/common';
import { ACCOUNT_STREAM_PREFIX, evolveAccount, initialAccountState } from '../../domain/accounts';
import { replayerFromEvolve } from '../../domain/audit';
import { AuditModule, StreamReplayerRegistry } from '../audit';
import { RealtimeModule, TopicSources } from '../realtime';
import { AccountDirectory } from './account-directory';
import { AccountsHttpController } from './accounts.http.controller';
import { OpenAccountHandler } from './commands/open-account/open-account.handler';
import { PositionsTopicSource } from './feed/positions.topic-source';
import { TradingFeed } from './feed/trading-feed';
import { AccountsProjection } from './projections/accounts.projection';
import { PositionsProjection } from './projections/positions.projection';
import { PositionsReader } from './positions.reader';
import { GetAccountHandler, ListAccountsHandler } from './queries/get-account/get-account.handler';
import { GetBalancesHandler } from './queries/get-balances/get-balances.handler';
import { GetPositionsHandler } from './queries/get-positions/get-positions.handler';
import { MarketInfo } from './venue/market-info';
import { VenueSessions } from './venue/venue-sessions';

/** Accounts: the account aggregate, positions and balances projections, venue sessions, the trading feed. */
@Module({
  imports: [AuditModule, RealtimeModule],
  controllers: [AccountsHttpController],
  providers: [
    AccountDirectory,
    PositionsReader,
    MarketInfo,
    VenueSessions,
    TradingFeed,
    PositionsTopicSource,
    AccountsProjection,
    PositionsProjection,
    OpenAccountHandler,
    GetAccountHandler,
    ListAccountsHandler,
    GetBalancesHandler,
    GetPositionsHandler,
  ],
  exports: [AccountDirectory, PositionsReader, MarketInfo, VenueSessions, TradingFeed],
})
export class AccountsModule implements OnModuleInit {
  constructor(
    private readonly replayers: StreamReplayerRegistry,
    private readonly topics: TopicSources,
    private readonly positionsTopic: PositionsTopicSource,
  ) {}

  onModuleInit(): void {
    this.topics.register('positions', this.positionsTopic.source);
    this.replayers.register(
      replayerFromEvolve('account', ACCOUNT_STREAM_PREFIX, initialAccountState, evolveAccount),
    );
  }
}
