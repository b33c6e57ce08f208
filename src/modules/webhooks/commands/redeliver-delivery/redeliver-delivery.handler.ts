import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DeliveryNotFoundError, webhookDecider, webhookStreamId } from '../../../../domain/webhooks';
import { AggregateRepository } from '../../../../infrastructure/event-store/aggregate-repository';
import { WebhookDeliveriesRepository } from '../../webhook-deliveries.repository';
import { RedeliverDeliveryCommand } from './redeliver-delivery.command';

@CommandHandler(RedeliverDeliveryCommand)
export class RedeliverDeliveryHandler implements ICommandHandler<RedeliverDeliveryCommand> {
  constructor(
    private readonly aggregates: AggregateRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

  async execute({ webhookId, deliveryId }: RedeliverDeliveryCommand): Promise<void> {
    const delivery = await this.deliveries.find(webhookId, deliveryId);
    if (delivery === undefined) throw new DeliveryNotFoundError(webhookId, deliveryId);
    await this.aggregates.handle(
      webhookStreamId(webhookId),
      webhookDecider,
      { type: 'RequestRedelivery', webhookId, deliveryId, now: new Date().toISOString() },
      { retries: 3 },
    );
    await this.deliveries.requeue(delivery.delivery_id);
  }
}
