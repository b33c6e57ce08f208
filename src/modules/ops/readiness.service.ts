import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config';
import { Database } from '../../infrastructure/database/database';
import { CheckpointStore } from '../../infrastructure/event-store/checkpoint-store';
import { PostgresEventStore } from '../../infrastructure/event-store/postgres-event-store';
import { SubscriptionsHost } from '../../infrastructure/event-store/subscriptions-host';
import { oldestOpenTransactionSeconds, subscriptionLag } from '../../infrastructure/observability/metrics';

export interface SubscriptionReadiness {
  name: string;
  kind: string;
  activeHere: boolean;
  position: string;
  lagEvents: number;
  lastError: string | null;
}

export interface Readiness {
  ready: boolean;
  database: boolean;
  maxLagEvents: number;
  subscriptions: SubscriptionReadiness[];
}

/** Database reachable and every projection within the lag bound (READY_MAX_LAG_EVENTS). */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly database: Database,
    private readonly store: PostgresEventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly host: SubscriptionsHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<Readiness> {
    const maxLagEvents = this.config.readyMaxLagEvents;
    const notReady: Readiness = { ready: false, database: false, maxLagEvents, subscriptions: [] };
    if (!(await this.database.ping())) return notReady;
    // The database can fail between the ping and the lag queries: that is "not ready", never a 500.
    return this.checkSubscriptions(maxLagEvents).catch(() => notReady);
  }

  private async checkSubscriptions(maxLagEvents: number): Promise<Readiness> {
    const subscriptions = await Promise.all(
      this.host.statuses().map(async (s): Promise<SubscriptionReadiness> => {
        // The stored checkpoint: the active instance may be another process.
        const position = (await this.checkpoints.load(s.name)) ?? 0n;
        const lagEvents = await this.store.countAfter(position, maxLagEvents + 1);
        subscriptionLag.set({ subscription: s.name }, lagEvents);
        return {
          name: s.name,
          kind: s.kind,
          activeHere: s.active,
          position: position.toString(),
          lagEvents,
          lastError: s.lastError,
        };
      }),
    );
    const ready = subscriptions.every((s) => s.kind !== 'projection' || s.lagEvents <= maxLagEvents);
    return { ready, database: true, maxLagEvents, subscriptions };
  }

  /** Age of the oldest transaction holding an xid: while it is open, no reader of $all passes it. */
  async refreshFenceMetric(): Promise<void> {
    const { rows } = await this.database.pool.query<{ age: number | null }>(
      `SELECT extract(epoch FROM now() - min(xact_start))::float8 AS age
       FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()`,
    );
    oldestOpenTransactionSeconds.set(rows[0]?.age ?? 0);
  }
}
