import type { CatalogueEntry } from './event-catalogue';

export const WEBHOOK_EVENT_CATALOGUE: CatalogueEntry[] = [
  {
    type: 'WebhookRegistered',
    context: 'webhooks',
    stream: 'webhook-<webhookId>',
    schemaVersion: 1,
    description: 'A webhook endpoint was registered. The signing secret is not in the event.',
    fields: [
      { name: 'webhookId', type: 'string', description: 'The endpoint id.' },
      { name: 'url', type: 'string', description: 'Where deliveries are POSTed.' },
      { name: 'eventTypes', type: 'string[]', description: 'Delivered event types; `*` for all.' },
      { name: 'registeredAt', type: 'ISO-8601 string', description: 'Time of registration.' },
    ],
  },
  {
    type: 'WebhookRemoved',
    context: 'webhooks',
    stream: 'webhook-<webhookId>',
    schemaVersion: 1,
    description: 'A webhook endpoint was removed; its pending deliveries are cancelled.',
    fields: [
      { name: 'webhookId', type: 'string', description: 'The endpoint id.' },
      { name: 'removedAt', type: 'ISO-8601 string', description: 'Time of removal.' },
    ],
  },
  {
    type: 'WebhookRedeliveryRequested',
    context: 'webhooks',
    stream: 'webhook-<webhookId>',
    schemaVersion: 1,
    description: 'Someone asked for one delivery to be sent again; it is retried from attempt 1.',
    fields: [
      { name: 'webhookId', type: 'string', description: 'The endpoint id.' },
      { name: 'deliveryId', type: 'string', description: 'The delivery sent again.' },
      { name: 'requestedAt', type: 'ISO-8601 string', description: 'Time of the request.' },
    ],
  },
];
