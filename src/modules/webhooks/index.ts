/** The webhooks module's public contract. */
export { WebhooksModule } from './webhooks.module';
export { WebhookDeliveryWorker } from './delivery/webhook-delivery.worker';
export { signWebhook } from './delivery/webhook-signer';
