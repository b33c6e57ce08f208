import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../../config';
import { DomainError } from '../../../domain/shared/domain-error';
import { requestContext } from '../../../infrastructure/observability/request-context';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { AccountDirectory } from '../../accounts';
import { OrderCommander } from '../order-commander';
import { OrdersRepository } from '../orders.repository';
import { VenueStreams } from '../execution/venue-streams';
import { Reconciler } from './reconciler';

export const RECONCILE_PERIOD_MS = 60_000;
export const EXPIRY_PERIOD_MS = 1_000;

/**
 * The worker side of trading: opens every account's venue streams and reconciles on start, on every
 * reconnect and periodically; expires good-till-date orders. Not in MODE=api (no subscriptions there).
 */
@Injectable()
export class TradingSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;
  private readonly log: Logger;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountDirectory,
    private readonly streams: VenueStreams,
    private readonly reconciler: Reconciler,
    private readonly orders: OrdersRepository,
    private readonly commander: OrderCommander,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'trading-supervisor' });
  }

  onApplicationBootstrap(): void {
    if (this.config.mode === 'api') return;
    this.unsubscribe = this.streams.onReconnect((accountId) => void this.reconcile(accountId, 'reconnect'));
    void this.start();
    this.every(RECONCILE_PERIOD_MS, () => this.reconcileAll('periodic'));
    this.every(EXPIRY_PERIOD_MS, () => this.expireDue());
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.unsubscribe?.();
    for (const t of this.timers) clearInterval(t);
  }

  private async start(): Promise<void> {
    try {
      for (const accountId of await this.accounts.allIds()) {
        if (this.stopped) return;
        await this.streams.ensure(accountId);
        await this.reconcile(accountId, 'start');
      }
    } catch (err) {
      this.log.warn({ err }, 'could not open the venue streams of every account');
    }
  }

  private async reconcileAll(trigger: 'periodic'): Promise<void> {
    for (const accountId of await this.accounts.allIds()) {
      if (this.stopped) return;
      await this.reconcile(accountId, trigger);
    }
  }

  private async reconcile(accountId: string, trigger: 'start' | 'reconnect' | 'periodic'): Promise<void> {
    try {
      await this.reconciler.reconcile(accountId, trigger);
    } catch (err) {
      this.log.warn({ err, accountId, trigger }, 'reconciliation failed');
    }
  }

  private async expireDue(): Promise<void> {
    const now = new Date();
    for (const orderId of await this.orders.expiredOpenOrders(now, 100)) {
      await requestContext.run(
        { requestId: null, correlationId: randomUUID(), causationId: null, actor: 'system:gtd-expiry' },
        async () => {
          try {
            await this.commander.run(
              orderId,
              { type: 'ExpireOrder', at: now.toISOString() },
              `expire:${orderId}`,
            );
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
          }
        },
      );
    }
  }

  private every(ms: number, step: () => Promise<void>): void {
    let busy = false;
    const t = setInterval(() => {
      if (busy || this.stopped) return;
      busy = true;
      step()
        .catch((err: unknown) => this.log.warn({ err }, 'trading supervisor step failed'))
        .finally(() => (busy = false));
    }, ms);
    t.unref();
    this.timers.push(t);
  }
}
