import { Command } from '@nestjs/cqrs';

export class RedeliverDeliveryCommand extends Command<void> {
  constructor(
    readonly webhookId: string,
    readonly deliveryId: string,
  ) {
    super();
  }
}
