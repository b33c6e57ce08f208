import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookNotFoundError, webhookDecider, webhookStreamId } from '../../../../domain/webhooks';
import { AggregateRepository } from '../../../../infrastructure/event-store/aggregate-repository';
import { WebhookEndpointsRepository } from '../../webhook-endpoints.repository';
import { RemoveWebhookCommand } from './remove-webhook.command';

@CommandHandler(RemoveWebhookCommand)
export class RemoveWebhookHandler implements ICommandHandler<RemoveWebhookCommand> {
  constructor(
    private readonly aggregates: AggregateRepository,
    private readonly endpoints: WebhookEndpointsRepository,
  ) {}

  async execute({ webhookId }: RemoveWebhookCommand): Promise<void> {
    const streamId = webhookStreamId(webhookId);
    const { state } = await this.aggregates.load(streamId, webhookDecider);
    if (state.status !== 'active') throw new WebhookNotFoundError(webhookId);
    const now = new Date();
    // Stop sending first; a retried DELETE appends the fact if the append below fails.
    await this.endpoints.markRemoved(webhookId, now);
    await this.aggregates.handle(
      streamId,
      webhookDecider,
      { type: 'RemoveWebhook', webhookId, now: now.toISOString() },
      { retries: 2 },
    );
  }
}
