/**
 * What a webhook signature covers: `<timestamp>.<raw body>`, so a captured body cannot be replayed
 * under a fresh timestamp. The HMAC-SHA256 itself is computed by the caller (node:crypto is outside
 * the domain); receivers rebuild this string the same way.
 */
export const SIGNATURE_HEADER = 'X-Tradebook-Signature';
export const TIMESTAMP_HEADER = 'X-Tradebook-Timestamp';
export const EVENT_ID_HEADER = 'X-Tradebook-Event-Id';
export const DELIVERY_ID_HEADER = 'X-Tradebook-Delivery-Id';
export const SIGNATURE_SCHEME = 'v1';

export function signedPayload(timestampSeconds: number, rawBody: string): string {
  return `${timestampSeconds}.${rawBody}`;
}

export function signatureHeaderValue(hexDigest: string): string {
  return `${SIGNATURE_SCHEME}=${hexDigest}`;
}

/** Whether a timestamp is fresh enough to accept (receivers should refuse replays of old ones). */
export function isFreshTimestamp(
  timestampSeconds: number,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  return Math.abs(nowSeconds - timestampSeconds) <= toleranceSeconds;
}

/** Event types an endpoint subscribes to; `*` takes everything. */
export function subscribesTo(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.includes('*') || eventTypes.includes(type);
}
