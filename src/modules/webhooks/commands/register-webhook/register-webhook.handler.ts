import { randomBytes } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { webhookDecider, webhookStreamId } from '../../../../domain/webhooks';
import { AggregateRepository } from '../../../../infrastructure/event-store/aggregate-repository';
import { requestContext } from '../../../../infrastructure/observability/request-context';
import type { WebhookResponseDto } from '../../queries/list-webhooks/list-webhooks.response.dto';
import { WebhookEndpointsRepository } from '../../webhook-endpoints.repository';
import { RegisterWebhookCommand } from './register-webhook.command';

@CommandHandler(RegisterWebhookCommand)
export class RegisterWebhookHandler implements ICommandHandler<RegisterWebhookCommand> {
  constructor(
    private readonly aggregates: AggregateRepository,
    private readonly endpoints: WebhookEndpointsRepository,
  ) {}

  async execute(command: RegisterWebhookCommand): Promise<WebhookResponseDto> {
    const webhookId = `wh_${randomBytes(8).toString('hex')}`;
    const now = new Date();
    const eventTypes = [...new Set(command.eventTypes)];
    await this.aggregates.handle(webhookStreamId(webhookId), webhookDecider, {
      type: 'RegisterWebhook',
      webhookId,
      url: command.url,
      eventTypes,
      now: now.toISOString(),
    });
    const createdBy = requestContext.current()?.actor ?? 'system:unknown';
    await this.endpoints.insert({
      webhookId,
      url: command.url,
      eventTypes,
      secret: command.secret,
      createdBy,
      createdAt: now,
    });
    return { id: webhookId, url: command.url, eventTypes, createdBy, createdAt: now.toISOString() };
  }
}
