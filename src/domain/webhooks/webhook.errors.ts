import { DomainError } from '../shared/domain-error';

export class WebhookNotFoundError extends DomainError {
  readonly code = 'WEBHOOK_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(webhookId: string) {
    super(`No webhook ${webhookId}`, { webhookId });
  }
}

export class WebhookExistsError extends DomainError {
  readonly code = 'WEBHOOK_EXISTS';
  readonly kind = 'conflict';

  constructor(webhookId: string) {
    super(`Webhook ${webhookId} already exists`, { webhookId });
  }
}

export class DeliveryNotFoundError extends DomainError {
  readonly code = 'DELIVERY_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(webhookId: string, deliveryId: string) {
    super(`No delivery ${deliveryId} for webhook ${webhookId}`, { webhookId, deliveryId });
  }
}
