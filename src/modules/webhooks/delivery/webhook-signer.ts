import { createHmac } from 'node:crypto';
import { signatureHeaderValue, signedPayload } from '../../../domain/webhooks';

/** HMAC-SHA256 over `<timestamp>.<body>`, as `v1=<hex>` (see docs/webhooks.md for verification). */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', secret).update(signedPayload(timestampSeconds, body)).digest('hex');
  return signatureHeaderValue(digest);
}
