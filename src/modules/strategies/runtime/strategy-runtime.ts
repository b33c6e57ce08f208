import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../../config';
import type { StrategyFailure } from '../../../domain/strategy';
import type { StrategyLifecycleState, StrategyStopReason } from '../../../domain/strategy/lifecycle';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { requestContext } from '../../../infrastructure/observability/request-context';
import { AccountDirectory, TradingFeed } from '../../accounts';
import { ExchangeRegistry } from '../../exchanges';
import { StrategiesRepository } from '../strategies.repository';
import { StrategyDefinitions } from '../strategy-definitions';
import { StrategyJournal } from '../strategy-journal';
import { hyperliquidWsUrl } from './leader-fills.feed';
import { hyperliquidRestUrl } from './leader-positions.poll';
import { STRATEGY_CLOCK, type StrategyClock } from './strategy-clock';
import { StrategyOrderRouter } from './strategy-order-router';
import { RunnerLease } from './runner-lease';
import { StrategyRunner, type RuntimeSnapshot } from './strategy-runner';
import { StrategyUpdates } from './strategy-updates';
import { StrategyWindDown } from './strategy-wind-down';

/** How often a worker compares the running strategies with its runners (resume, pick up, let go). */
export const SUPERVISE_EVERY_MS = 2_000;

const systemContext = (job: string) => ({
  requestId: null,
  correlationId: randomUUID(),
  causationId: null,
  actor: `system:${job}`,
});

/**
 * The runners of this process, one per running strategy. Started at once by the start request
 * (MODE=all), and by a supervisor loop that runs what the store says is running and has no runner
 * here: after a restart every running strategy resumes, and a worker picks up what an API
 * instance started (MODE=worker). MODE=api runs no strategy. Of several processes on one database,
 * only the holder of the RunnerLease runs strategies; the others take over when it lapses.
 */
@Injectable()
export class StrategyRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runners = new Map<string, StrategyRunner>();
  /** Runs that ended here: never relaunched from a read model that has not caught up yet. */
  private readonly ended = new Set<string>();
  private readonly launching = new Set<string>();
  private stopSupervisor: (() => void) | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(STRATEGY_CLOCK) private readonly clock: StrategyClock,
    private readonly journal: StrategyJournal,
    private readonly repository: StrategiesRepository,
    private readonly definitions: StrategyDefinitions,
    private readonly accounts: AccountDirectory,
    private readonly feed: TradingFeed,
    private readonly exchanges: ExchangeRegistry,
    private readonly router: StrategyOrderRouter,
    private readonly updates: StrategyUpdates,
    private readonly windDown: StrategyWindDown,
    private readonly lease: RunnerLease,
  ) {}

  get runsStrategies(): boolean {
    return this.config.mode !== 'api';
  }

  onApplicationBootstrap(): void {
    if (!this.runsStrategies) return;
    const timer = setInterval(() => void this.supervise(), SUPERVISE_EVERY_MS);
    timer.unref();
    this.stopSupervisor = () => clearInterval(timer);
    setImmediate(() => void this.supervise());
  }

  /** Before the database closes: the runners stop and the lease is handed over at once. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopSupervisor?.();
    // No events: the strategies are still running as far as the store goes, and resume on the next start.
    await this.letGoOfAll();
    if (this.runsStrategies) await this.lease.release().catch(() => undefined);
  }

  /** Stops every runner here without events (shutdown, or the lease went to another process). */
  private async letGoOfAll(): Promise<void> {
    const runners = [...this.runners.values()];
    this.runners.clear();
    await Promise.allSettled(runners.map((r) => r.halt({ runOnStop: false })));
  }

  snapshot(strategyId: string): RuntimeSnapshot | undefined {
    return this.runners.get(strategyId)?.snapshot();
  }

  /** Starts the runner of the strategy's current run (it must be running in the store). */
  async launch(state: StrategyLifecycleState): Promise<void> {
    const key = `${state.strategyId}:${state.run}`;
    const configuration = state.configuration;
    if (!this.runsStrategies || state.status !== 'running' || configuration === null) return;
    if (this.runners.has(state.strategyId) || this.ended.has(key) || this.launching.has(key)) return;
    // Only the lease holder runs strategies; another process's start is picked up by its supervisor.
    if (!(await this.lease.tryHold().catch(() => false))) return;
    this.launching.add(key);
    try {
      await requestContext.run(systemContext('strategy-runner'), async () => {
        try {
          const account = await this.accounts.identity(configuration.accountId);
          const created = this.definitions.create(configuration.strategy, configuration.params, {
            symbols: configuration.symbols,
          });
          const runner = new StrategyRunner(
            {
              strategyId: state.strategyId,
              run: state.run,
              mode: state.mode ?? 'paper',
              configuration,
              runPrefix: state.clientOrderIdPrefix ?? '',
              exchange: account.exchange,
            },
            created,
            {
              journal: this.journal,
              router: this.router,
              feed: this.feed,
              venue: this.exchanges.get(account.exchange),
              updates: this.updates,
              clock: this.clock,
              logger: this.logger,
              leader: {
                wsUrl: hyperliquidWsUrl(process.env),
                restUrl: hyperliquidRestUrl(process.env),
                positionsEveryMs: this.config.strategyLeaderPositionsMs,
              },
            },
            (r, failure) => void this.failed(r, failure),
          );
          this.runners.set(state.strategyId, runner);
          runner.start();
          this.logger.info({ strategyId: state.strategyId, run: state.run }, 'strategy runner started');
        } catch (err) {
          // The code or its inputs cannot be set up (a definition gone after an upgrade, ...): the run fails.
          const message = err instanceof Error ? err.message : String(err);
          await this.recordFailure(state.strategyId, state.run, {
            hook: 'setup',
            at: this.clock.now(),
            message,
          });
        }
      });
    } finally {
      this.launching.delete(key);
    }
  }

  /**
   * Stops a strategy: its runner here (onStop runs for a requested stop), the run's open orders
   * cancelled, its positions closed on request, then StrategyStopped with the final snapshot.
   */
  async stop(
    state: StrategyLifecycleState,
    reason: StrategyStopReason,
    closePositions: boolean,
  ): Promise<StrategyLifecycleState> {
    const runner = this.runners.get(state.strategyId);
    this.ended.add(`${state.strategyId}:${state.run}`);
    let snapshot: RuntimeSnapshot | undefined;
    if (runner !== undefined && runner.run === state.run) {
      snapshot = await runner.halt({ runOnStop: reason === 'requested' });
      this.runners.delete(state.strategyId);
    }
    const accountId = state.configuration?.accountId ?? '';
    const wound = await this.windDown.windDown(
      accountId,
      state.clientOrderIdPrefix ?? '\u0000',
      closePositions,
    );
    if (wound.problems.length > 0)
      this.logger.warn({ strategyId: state.strategyId, problems: wound.problems }, 'strategy stop problems');
    const result = await this.journal.handle(state.strategyId, {
      type: 'StopStrategy',
      run: state.run,
      reason,
      closePositions,
      cancelledOrderIds: wound.cancelledOrderIds,
      closingOrderIds: wound.closingOrderIds,
      snapshot: snapshot?.table ?? null,
      at: new Date(this.clock.now()).toISOString(),
    });
    this.updates.publish({
      kind: 'state',
      strategyId: state.strategyId,
      status: result.state.status,
      run: state.run,
      reason,
      at: new Date(this.clock.now()).toISOString(),
    });
    return result.state;
  }

  private async failed(runner: StrategyRunner, failure: StrategyFailure): Promise<void> {
    await requestContext.run(systemContext('strategy-runner'), () =>
      this.recordFailure(runner.strategyId, runner.run, failure),
    );
  }

  private async recordFailure(strategyId: string, run: number, failure: StrategyFailure): Promise<void> {
    try {
      this.logger.warn({ strategyId, run, hook: failure.hook, message: failure.message }, 'strategy failed');
      const failed = await this.journal.handle(strategyId, {
        type: 'FailStrategy',
        run,
        hook: failure.hook,
        message: failure.message,
        at: new Date(this.clock.now()).toISOString(),
      });
      if (failed.events.length === 0) return; // that run is over already
      await this.stop(failed.state, 'failed', false);
    } catch (err) {
      this.logger.error({ strategyId, run, err }, 'recording a strategy failure failed');
    }
  }

  /** Runs what is running and has no runner; lets go of runners whose run was stopped elsewhere. */
  private async supervise(): Promise<void> {
    try {
      if (!(await this.lease.tryHold())) {
        await this.letGoOfAll();
        return;
      }
      const running = await this.repository.list({ status: 'running', limit: 10_000 });
      const ids = new Set(running.map((r) => r.strategyId));
      for (const row of running) {
        if (this.runners.has(row.strategyId) || this.ended.has(`${row.strategyId}:${row.run}`)) continue;
        const state = await this.journal.load(row.strategyId);
        await this.launch(state);
      }
      for (const [id, runner] of this.runners) {
        if (ids.has(id)) continue;
        const state = await this.journal.load(id);
        if (state.status === 'running' && state.run === runner.run) continue;
        this.runners.delete(id);
        this.ended.add(`${id}:${runner.run}`);
        await runner.halt({ runOnStop: false });
      }
    } catch (err) {
      this.logger.warn({ err }, 'strategy supervisor pass failed');
    }
  }
}
