import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../../config';
import { afterFailure, isDelivered } from '../../../domain/webhooks';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from '../../../infrastructure/event-store/event-row';
import { EVENT_STORE_POOL } from '../../../infrastructure/event-store/event-store.tokens';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.types';
import type { SqlPool } from '../../../infrastructure/event-store/sql-client';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { WebhookDeliveriesRepository, type ClaimedDelivery } from '../webhook-deliveries.repository';
import { sendWebhook } from './webhook-sender';

const BATCH = 16;

/** What a receiver gets: the delivery, the attempt, and the event as the audit API shows it. */
export function deliveryBody(claim: ClaimedDelivery, event: StoredEvent): string {
  return JSON.stringify({
    deliveryId: claim.deliveryId,
    webhookId: claim.webhookId,
    attempt: claim.attempt,
    event: {
      position: event.position.toString(),
      streamId: event.streamId,
      streamVersion: event.streamVersion.toString(),
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt.toISOString(),
      data: event.data,
      metadata: event.metadata,
    },
  });
}

/**
 * Sends due deliveries (MODE all and worker): claim a batch, POST them concurrently, record each
 * outcome, repeat; sleep for WEBHOOK_POLL_MS when nothing is due. Failures retry with exponential
 * backoff and jitter until WEBHOOK_MAX_ATTEMPTS, then the delivery is dead-lettered.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly log: Logger;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    @Inject(EVENT_STORE_POOL) private readonly pool: SqlPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'webhooks' });
  }

  onApplicationBootstrap(): void {
    if (this.config.mode === 'api') return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One pass over what is due now; answers how many deliveries it attempted. */
  async tick(): Promise<number> {
    const leaseMs = this.config.webhookTimeoutMs + 30_000;
    const claims = await this.deliveries.claimDue(BATCH, leaseMs);
    if (claims.length === 0) return 0;
    const events = await this.eventsById(claims.map((c) => c.eventId));
    await Promise.all(claims.map((claim) => this.attempt(claim, events.get(claim.eventId))));
    return claims.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let attempted = 0;
      try {
        attempted = await this.tick();
      } catch (err) {
        this.log.warn({ err }, 'webhook delivery pass failed; retrying');
      }
      if (attempted === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.config.webhookPollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  private async attempt(claim: ClaimedDelivery, event: StoredEvent | undefined): Promise<void> {
    const at = new Date();
    if (claim.removed || event === undefined) {
      const error = claim.removed ? 'webhook removed' : 'event not found';
      await this.deliveries.recordAttempt({
        deliveryId: claim.deliveryId,
        attempt: claim.attempt,
        at,
        statusCode: null,
        error,
        durationMs: 0,
        next: { status: 'cancelled' },
      });
      return;
    }
    const result = await sendWebhook({
      url: claim.url,
      secret: claim.secret,
      deliveryId: claim.deliveryId,
      eventId: claim.eventId,
      body: deliveryBody(claim, event),
      timeoutMs: this.config.webhookTimeoutMs,
      nowMs: at.getTime(),
    });
    const delivered = isDelivered(result.statusCode);
    const next = delivered
      ? ({ status: 'delivered' } as const)
      : afterFailure(
          claim.attempt,
          this.config.webhookMaxAttempts,
          { baseMs: this.config.webhookBackoffBaseMs, maxMs: this.config.webhookBackoffMaxMs },
          Math.random(),
        );
    const error = delivered ? null : (result.error ?? `HTTP ${result.statusCode ?? '?'}`);
    await this.deliveries.recordAttempt({
      deliveryId: claim.deliveryId,
      attempt: claim.attempt,
      at,
      ...result,
      error,
      next,
    });
    if (next.status === 'dead') {
      this.log.warn(
        { webhookId: claim.webhookId, deliveryId: claim.deliveryId, attempts: claim.attempt },
        'webhook delivery dead-lettered',
      );
    }
  }

  private async eventsById(ids: string[]): Promise<Map<string, StoredEvent>> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.event_id, toStoredEvent(r)]));
  }
}
