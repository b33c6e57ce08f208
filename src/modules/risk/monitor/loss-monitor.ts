import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../../config';
import { monitorLosses, type EquityWatermarks } from '../../../domain/risk';
import { EVENT_STORE_POOL } from '../../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../../infrastructure/event-store/sql-client';
import { requestContext } from '../../../infrastructure/observability/request-context';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { PositionsReader, TradingFeed } from '../../accounts';
import { AccountRiskStore } from '../account-risk.store';
import { TripKillSwitchCommand } from '../commands/trip-kill-switch/trip-kill-switch.command';
import { totalEquity } from '../pre-trade/account-equity';
import { EquityWatermarksRepository } from './equity-watermarks.repository';

/** Marks move without fills: accounts with loss limits are also checked on this period. */
export const LOSS_MONITOR_PERIOD_MS = 5_000;
/** Fills come in bursts: one check per account per burst. */
const DEBOUNCE_MS = 100;
const ACTOR = 'system:loss-monitor';

/**
 * The drawdown / daily-loss monitor: after every position change and periodically, folds the
 * account's equity into its watermarks and trips the kill switch by itself when a limit is reached.
 */
@Injectable()
export class LossMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly due = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly log: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE_POOL) private readonly pool: SqlPool,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly feed: TradingFeed,
    private readonly positions: PositionsReader,
    private readonly risk: AccountRiskStore,
    private readonly watermarks: EquityWatermarksRepository,
    private readonly commands: CommandBus,
  ) {
    this.log = logger.child({ component: 'loss-monitor' });
  }

  onApplicationBootstrap(): void {
    if (this.config.mode === 'api') return;
    this.unsubscribe = this.feed.subscribeAll('positions', (change) => this.schedule(change.accountId));
    this.timer = setInterval(() => void this.sweep(), LOSS_MONITOR_PERIOD_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
    if (this.timer !== undefined) clearInterval(this.timer);
    for (const t of this.due.values()) clearTimeout(t);
    this.due.clear();
  }

  schedule(accountId: string): void {
    if (this.due.has(accountId)) return;
    const t = setTimeout(() => {
      this.due.delete(accountId);
      void this.check(accountId);
    }, DEBOUNCE_MS);
    t.unref();
    this.due.set(accountId, t);
  }

  /** One observation: returns true when it tripped the kill switch. */
  async check(accountId: string): Promise<boolean> {
    if (this.running.has(accountId)) {
      this.again.add(accountId); // a change during a check is looked at right after it
      return false;
    }
    this.running.add(accountId);
    try {
      const { state } = await this.risk.load(accountId);
      if (state.policy.maxDailyLoss === null && state.policy.maxDrawdownPct === null) return false;
      const equity = totalEquity(await this.positions.balances(accountId));
      const at = new Date().toISOString();
      const previous = await this.watermarks.get(accountId);
      const verdict = monitorLosses(state.policy, state.status, previous, equity, at);
      // Most checks move neither watermark: only a new day or a new peak is written.
      if (!sameWatermarks(previous, verdict.watermarks))
        await this.watermarks.save(accountId, verdict.watermarks);
      if (verdict.trip === null) return false;
      const trip = verdict.trip;
      await requestContext.run(
        { requestId: null, correlationId: randomUUID(), causationId: null, actor: ACTOR },
        () => this.commands.execute(new TripKillSwitchCommand(accountId, trip.reason, trip.flatten, trip.by)),
      );
      this.log.warn({ accountId, reason: trip.reason }, 'loss limit reached: kill switch tripped');
      return true;
    } catch (err) {
      this.log.warn({ err, accountId }, 'loss monitor check failed');
      return false;
    } finally {
      this.running.delete(accountId);
      if (this.again.delete(accountId)) this.schedule(accountId);
    }
  }

  private async sweep(): Promise<void> {
    try {
      const { rows } = await this.pool.query<{ account_id: string }>(
        `SELECT account_id FROM trading_accounts WHERE risk_status <> 'HALTED'
           AND (risk_policy->>'maxDailyLoss' IS NOT NULL OR risk_policy->>'maxDrawdownPct' IS NOT NULL)`,
      );
      for (const r of rows) await this.check(r.account_id);
    } catch (err) {
      this.log.warn({ err }, 'loss monitor sweep failed');
    }
  }
}

function sameWatermarks(a: EquityWatermarks | null, b: EquityWatermarks): boolean {
  return (
    a !== null &&
    a.day === b.day &&
    a.startOfDayEquity === b.startOfDayEquity &&
    a.peakEquity === b.peakEquity
  );
}
