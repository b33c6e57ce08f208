import { Module, type OnModuleInit } from '@nestjs/common';
import { WEBHOOK_STREAM_PREFIX, evolveWebhook, initialWebhookState } from '../../domain/webhooks';
import { replayerFromEvolve } from '../../domain/audit';
import { AuditModule, StreamReplayerRegistry } from '../audit';
import { RedeliverDeliveryHandler } from './commands/redeliver-delivery/redeliver-delivery.handler';
import { RegisterWebhookHandler } from './commands/register-webhook/register-webhook.handler';
import { RemoveWebhookHandler } from './commands/remove-webhook/remove-webhook.handler';
import { WebhookDeliveryWorker } from './delivery/webhook-delivery.worker';
import { WebhookDeliveryProjection } from './projections/webhook-delivery.projection';
import { ListDeliveriesHandler } from './queries/list-deliveries/list-deliveries.handler';
import { ListWebhooksHandler } from './queries/list-webhooks/list-webhooks.handler';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhooksHttpController } from './webhooks.http.controller';

/** Webhooks: endpoints, a durable delivery queue fed by a projection, and the delivery worker. */
@Module({
  imports: [AuditModule],
  controllers: [WebhooksHttpController],
  providers: [
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookDeliveryProjection,
    WebhookDeliveryWorker,
    RegisterWebhookHandler,
    RemoveWebhookHandler,
    RedeliverDeliveryHandler,
    ListWebhooksHandler,
    ListDeliveriesHandler,
  ],
  exports: [WebhookDeliveryWorker],
})
export class WebhooksModule implements OnModuleInit {
  constructor(private readonly replayers: StreamReplayerRegistry) {}

  onModuleInit(): void {
    this.replayers.register(
      replayerFromEvolve('webhook', WEBHOOK_STREAM_PREFIX, initialWebhookState, evolveWebhook),
    );
  }
}
