import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ROOT_LOGGER } from '../observability/observability.tokens';
import { AppendNotifier } from './append-notifier';
import { CatchUpSubscription } from './catch-up-subscription';
import { CheckpointStore } from './checkpoint-store';
import { EVENT_STORE_POOL, LEADER_LOCK } from './event-store.tokens';
import type { LeaderLock } from './leader-lock';
import { PostgresEventStore } from './postgres-event-store';
import { rebuildProjection } from './projection-rebuild';
import { SharedAllReader } from './shared-all-reader';
import type { SqlPool } from './sql-client';
import { withCausation } from './reactor-causation';
import { ProcessManager, Projection } from './subscription.decorators';
import type {
  ProjectionHandler,
  ReactorHandler,
  SubscriptionHandler,
  SubscriptionStatus,
} from './subscription.types';

/**
 * Finds every @Projection and @ProcessManager provider and runs each as a catch-up subscription, in
 * MODE all and worker. Stops them (after their batch commits) before the database closes.
 */
@Injectable()
export class SubscriptionsHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscriptions = new Map<string, CatchUpSubscription>();
  private readonly projections = new Map<string, ProjectionHandler>();
  private readonly log: Logger;
  private readonly reader: SharedAllReader;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly store: PostgresEventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly notifier: AppendNotifier,
    @Inject(EVENT_STORE_POOL) private readonly pool: SqlPool,
    @Inject(LEADER_LOCK) private readonly lock: LeaderLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
  ) {
    this.log = rootLogger.child({ component: 'subscriptions' });
    this.reader = new SharedAllReader(store, notifier);
  }

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: Projection.KEY })) {
      this.register({ kind: 'projection', handler: wrapper.instance as ProjectionHandler });
    }
    for (const wrapper of this.discovery.getProviders({ metadataKey: ProcessManager.KEY })) {
      this.register({ kind: 'reactor', handler: withCausation(wrapper.instance as ReactorHandler) });
    }
    if (this.config.mode === 'api') return;
    for (const subscription of this.subscriptions.values()) subscription.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    await this.lock.close();
  }

  /** Adds a subscription declared in code rather than by decorator (the EventBus bridge). */
  register(subscription: SubscriptionHandler): void {
    const name = subscription.handler.name;
    if (this.subscriptions.has(name)) throw new Error(`Two subscriptions are named ${name}`);
    if (subscription.kind === 'projection') this.projections.set(name, subscription.handler);
    const runner = new CatchUpSubscription(
      subscription,
      {
        store: this.store,
        reader: this.reader,
        pool: this.pool,
        checkpoints: this.checkpoints,
        lock: this.lock,
        notifier: this.notifier,
        log: this.log,
      },
      { batchSize: 500, pollMs: this.config.subscriptionPollMs, retryMs: 500 },
    );
    this.subscriptions.set(name, runner);
  }

  statuses(): SubscriptionStatus[] {
    return [...this.subscriptions.values()].map((s) => s.status());
  }

  /** Empties the projection's read model and replays $all into it. */
  async rebuild(name: string): Promise<void> {
    const projection = this.projections.get(name);
    if (projection === undefined) throw new Error(`No projection named ${name}`);
    await rebuildProjection(this.pool, this.checkpoints, projection);
    this.subscriptions.get(name)?.reload();
  }
}
