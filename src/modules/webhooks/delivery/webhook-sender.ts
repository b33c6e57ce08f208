import {
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../../../domain/webhooks';
import { signWebhook } from './webhook-signer';

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** One POST to a receiver. Redirects are not followed: a receiver answers, it does not forward. */
export async function sendWebhook(input: {
  url: string;
  secret: string;
  deliveryId: string;
  eventId: string;
  body: string;
  timeoutMs: number;
  nowMs: number;
}): Promise<SendResult> {
  const started = performance.now();
  const timestamp = Math.floor(input.nowMs / 1000);
  try {
    const res = await fetch(input.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'tradebook-webhooks/1',
        [SIGNATURE_HEADER]: signWebhook(input.secret, timestamp, input.body),
        [TIMESTAMP_HEADER]: String(timestamp),
        [EVENT_ID_HEADER]: input.eventId,
        [DELIVERY_ID_HEADER]: input.deliveryId,
      },
      body: input.body,
    });
    await res.body?.cancel(); // the answer's body is not needed; free the socket
    return { statusCode: res.status, error: null, durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : 'request failed';
    return {
      statusCode: null,
      error: message.slice(0, 500),
      durationMs: Math.round(performance.now() - started),
    };
  }
}
