import { assertNever } from '../shared/decider';
import type { WebhookEvent } from './webhook.events';

export type WebhookState =
  | { status: 'none' }
  | {
      status: 'active' | 'removed';
      webhookId: string;
      url: string;
      eventTypes: string[];
      registeredAt: string;
      removedAt: string | null;
      redeliveries: number;
    };

export const initialWebhookState = (): WebhookState => ({ status: 'none' });

export function evolveWebhook(state: WebhookState, event: WebhookEvent): WebhookState {
  switch (event.type) {
    case 'WebhookRegistered':
      return {
        status: 'active',
        webhookId: event.webhookId,
        url: event.url,
        eventTypes: event.eventTypes,
        registeredAt: event.registeredAt,
        removedAt: null,
        redeliveries: 0,
      };
    case 'WebhookRemoved':
      return state.status === 'none' ? state : { ...state, status: 'removed', removedAt: event.removedAt };
    case 'WebhookRedeliveryRequested':
      return state.status === 'none' ? state : { ...state, redeliveries: state.redeliveries + 1 };
    default:
      return assertNever(event);
  }
}
