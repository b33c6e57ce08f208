/** A webhook endpoint was registered. The signing secret is never part of the fact. */
export interface WebhookRegistered {
  type: 'WebhookRegistered';
  webhookId: string;
  url: string;
  /** Event types delivered to the endpoint; `*` means every type. */
  eventTypes: string[];
  registeredAt: string;
}

export interface WebhookRemoved {
  type: 'WebhookRemoved';
  webhookId: string;
  removedAt: string;
}

/** Someone asked for one delivery to be sent again (after a dead letter, or a receiver's loss). */
export interface WebhookRedeliveryRequested {
  type: 'WebhookRedeliveryRequested';
  webhookId: string;
  deliveryId: string;
  requestedAt: string;
}

export type WebhookEvent = WebhookRegistered | WebhookRemoved | WebhookRedeliveryRequested;
