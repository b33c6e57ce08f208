export interface RegisterWebhook {
  type: 'RegisterWebhook';
  webhookId: string;
  url: string;
  eventTypes: string[];
  now: string;
}

export interface RemoveWebhook {
  type: 'RemoveWebhook';
  webhookId: string;
  now: string;
}

export interface RequestRedelivery {
  type: 'RequestRedelivery';
  webhookId: string;
  deliveryId: string;
  now: string;
}

export type WebhookCommand = RegisterWebhook | RemoveWebhook | RequestRedelivery;
