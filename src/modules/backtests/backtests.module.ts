import { Module, type OnModuleInit } from '@nestjs/common';
import { ExchangesModule } from '../exchanges';
import { MarketDataModule } from '../market-data';
import { RealtimeModule, TopicSources } from '../realtime';
import { BacktestAcceptance } from './backtest-acceptance';
import { BacktestRunsRepository } from './backtest-runs.repository';
import { BacktestsHttpController } from './backtests.http.controller';
import { RunBacktestHandler } from './commands/run-backtest/run-backtest.handler';
import { RunSweepHandler } from './commands/run-sweep/run-sweep.handler';
import { BacktestReportHandler } from './queries/backtest-report/backtest-report.handler';
import { GetBacktestHandler } from './queries/get-backtest/get-backtest.handler';
import { BacktestProgressFeed } from './runner/backtest-progress.feed';
import { BacktestRunner } from './runner/backtest-runner.service';
import { BacktestTopicSource } from './backtest.topic-source';
import { BacktestWorkerPool } from './runner/backtest-worker-pool';
import { CandleLoader } from './runner/candle-loader';

/** Backtests and parameter sweeps: accepted over HTTP, run on a worker-thread pool, stored with their results. */
@Module({
  imports: [ExchangesModule, MarketDataModule, RealtimeModule],
  controllers: [BacktestsHttpController],
  providers: [
    BacktestRunsRepository,
    BacktestAcceptance,
    CandleLoader,
    BacktestWorkerPool,
    BacktestProgressFeed,
    BacktestTopicSource,
    BacktestRunner,
    RunBacktestHandler,
    RunSweepHandler,
    GetBacktestHandler,
    BacktestReportHandler,
  ],
})
export class BacktestsModule implements OnModuleInit {
  constructor(
    private readonly topic: BacktestTopicSource,
    private readonly topics: TopicSources,
  ) {}

  /** Progress on the realtime stream as `backtest:{id}`. */
  onModuleInit(): void {
    this.topics.register('backtest', this.topic);
  }
}
