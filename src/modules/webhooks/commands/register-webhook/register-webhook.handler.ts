import { randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { webhookDecider, webhookStreamId } from '../../../../domain/webhooks';
import { EVENT_STORE_POOL } from '../../../../infrastructure/event-store/event-store.tokens';
import { AggregateRepository } from '../../../../infrastructure/event-store/aggregate-repository';
import { PostgresEventStore } from '../../../../infrastructure/event-store/postgres-event-store';
import type { SqlPool } from '../../../../infrastructure/event-store/sql-client';
import { requestContext } from '../../../../infrastructure/observability/request-context';
import type { WebhookResponseDto } from '../../queries/list-webhooks/list-webhooks.response.dto';
import { WebhookEndpointsRepository } from '../../webhook-endpoints.repository';
import { RegisterWebhookCommand } from './register-webhook.command';

@CommandHandler(RegisterWebhookCommand)
export class RegisterWebhookHandler implements ICommandHandler<RegisterWebhookCommand> {
  constructor(
    private readonly aggregates: AggregateRepository,
    private readonly store: PostgresEventStore,
    @Inject(EVENT_STORE_POOL) private readonly pool: SqlPool,
    private readonly endpoints: WebhookEndpointsRepository,
  ) {}

  /**
   * The endpoint's row and its WebhookRegistered event commit together, the row naming the event's
   * position: the delivery projection then finds the row for every event after that one in $all
   * (with the row written in a transaction of its own after the event's, one could pass unseen).
   */
  async execute(command: RegisterWebhookCommand): Promise<WebhookResponseDto> {
    const webhookId = `wh_${randomBytes(8).toString('hex')}`;
    const now = new Date();
    const eventTypes = [...new Set(command.eventTypes)];
    const createdBy = requestContext.current()?.actor ?? 'system:unknown';
    await this.store.inTransaction(this.pool, async (tx, append) => {
      const { positions } = (
        await this.aggregates.startWithin(append, webhookStreamId(webhookId), webhookDecider, {
          type: 'RegisterWebhook',
          webhookId,
          url: command.url,
          eventTypes,
          now: now.toISOString(),
        })
      ).append;
      const registeredPosition = positions[0];
      if (registeredPosition === undefined) throw new Error('the registration appended no event');
      await this.endpoints.insert(
        {
          webhookId,
          url: command.url,
          eventTypes,
          secret: command.secret,
          createdBy,
          createdAt: now,
          registeredPosition,
        },
        tx,
      );
    });
    return { id: webhookId, url: command.url, eventTypes, createdBy, createdAt: now.toISOString() };
  }
}
