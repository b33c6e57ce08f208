import { Query } from '@nestjs/cqrs';
import type { WebhookResponseDto } from './list-webhooks.response.dto';

export class ListWebhooksQuery extends Query<WebhookResponseDto[]> {}
