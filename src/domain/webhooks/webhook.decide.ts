import { assertNever, type Decider } from '../shared/decider';
import type { WebhookCommand } from './webhook.commands';
import { WebhookExistsError, WebhookNotFoundError } from './webhook.errors';
import type { WebhookEvent } from './webhook.events';
import { evolveWebhook, initialWebhookState, type WebhookState } from './webhook.state';

export function decideWebhook(command: WebhookCommand, state: WebhookState): WebhookEvent[] {
  switch (command.type) {
    case 'RegisterWebhook':
      if (state.status !== 'none') throw new WebhookExistsError(command.webhookId);
      return [
        {
          type: 'WebhookRegistered',
          webhookId: command.webhookId,
          url: command.url,
          eventTypes: command.eventTypes,
          registeredAt: command.now,
        },
      ];
    case 'RemoveWebhook':
      if (state.status !== 'active') throw new WebhookNotFoundError(command.webhookId);
      return [{ type: 'WebhookRemoved', webhookId: command.webhookId, removedAt: command.now }];
    case 'RequestRedelivery':
      if (state.status !== 'active') throw new WebhookNotFoundError(command.webhookId);
      return [
        {
          type: 'WebhookRedeliveryRequested',
          webhookId: command.webhookId,
          deliveryId: command.deliveryId,
          requestedAt: command.now,
        },
      ];
    default:
      return assertNever(command);
  }
}

export const webhookDecider: Decider<WebhookState, WebhookCommand, WebhookEvent> = {
  initialState: initialWebhookState,
  evolve: evolveWebhook,
  decide: decideWebhook,
};

export const WEBHOOK_STREAM_PREFIX = 'webhook-';

export function webhookStreamId(webhookId: string): string {
  return `${WEBHOOK_STREAM_PREFIX}${webhookId}`;
}
