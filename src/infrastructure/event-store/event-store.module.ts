import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CqrsModule, EventBus } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../config';
import { Database } from '../database/database';
import { AggregateRepository } from './aggregate-repository';
import { AppendNotifier } from './append-notifier';
import { CheckpointStore } from './checkpoint-store';
import { eventBusBridge } from './event-bus-bridge';
import { EVENT_STORE_POOL, LEADER_LOCK } from './event-store.tokens';
import { HashChainVerifier } from './hash-chain-verifier';
import { InProcessLeaderLock, PgAdvisoryLeaderLock, type LeaderLock } from './leader-lock';
import { PostgresEventStore } from './postgres-event-store';
import { SnapshotStore } from './snapshot-store';
import type { SqlPool } from './sql-client';
import { SubscriptionsHost } from './subscriptions-host';
import { UpcasterRegistry } from './upcasters';

/** The event store and its subscriptions, available to every module. */
@Global()
@Module({
  imports: [DiscoveryModule, CqrsModule],
  providers: [
    { provide: EVENT_STORE_POOL, inject: [Database], useFactory: (db: Database) => db.pool },
    AppendNotifier,
    UpcasterRegistry,
    {
      provide: PostgresEventStore,
      inject: [EVENT_STORE_POOL, UpcasterRegistry, AppendNotifier],
      useFactory: (pool: SqlPool, upcasters: UpcasterRegistry, notifier: AppendNotifier) =>
        new PostgresEventStore(pool, upcasters, notifier),
    },
    {
      provide: SnapshotStore,
      inject: [EVENT_STORE_POOL],
      useFactory: (pool: SqlPool) => new SnapshotStore(pool),
    },
    {
      provide: CheckpointStore,
      inject: [EVENT_STORE_POOL],
      useFactory: (pool: SqlPool) => new CheckpointStore(pool),
    },
    {
      provide: HashChainVerifier,
      inject: [EVENT_STORE_POOL, APP_CONFIG],
      // Partitions verified at once: a share of the pool on a real server, one on the embedded one.
      useFactory: (pool: SqlPool, config: AppConfig) =>
        new HashChainVerifier(pool, Math.max(1, Math.min(4, Math.floor(config.databasePoolSize / 4)))),
    },
    {
      provide: AggregateRepository,
      inject: [PostgresEventStore, SnapshotStore],
      useFactory: (store: PostgresEventStore, snapshots: SnapshotStore) =>
        new AggregateRepository(store, snapshots),
    },
    {
      provide: LEADER_LOCK,
      inject: [APP_CONFIG, Database],
      useFactory: (config: AppConfig, db: Database): LeaderLock =>
        config.databaseUrl === undefined ? new InProcessLeaderLock() : new PgAdvisoryLeaderLock(db.url),
    },
    SubscriptionsHost,
  ],
  exports: [
    PostgresEventStore,
    AggregateRepository,
    SnapshotStore,
    CheckpointStore,
    HashChainVerifier,
    UpcasterRegistry,
    AppendNotifier,
    SubscriptionsHost,
    EVENT_STORE_POOL,
    CqrsModule,
  ],
})
export class EventStoreModule implements OnModuleInit {
  constructor(
    @Inject(SubscriptionsHost) private readonly host: SubscriptionsHost,
    @Inject(EventBus) private readonly eventBus: EventBus,
  ) {}

  onModuleInit(): void {
    this.host.register({ kind: 'reactor', handler: eventBusBridge(this.eventBus) });
  }
}
