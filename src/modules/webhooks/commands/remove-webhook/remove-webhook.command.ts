import { Command } from '@nestjs/cqrs';

export class RemoveWebhookCommand extends Command<void> {
  constructor(readonly webhookId: string) {
    super();
  }
}
