import { Command } from '@nestjs/cqrs';
import type { WebhookResponseDto } from '../../queries/list-webhooks/list-webhooks.response.dto';

export class RegisterWebhookCommand extends Command<WebhookResponseDto> {
  constructor(
    readonly url: string,
    readonly eventTypes: string[],
    readonly secret: string,
  ) {
    super();
  }
}
