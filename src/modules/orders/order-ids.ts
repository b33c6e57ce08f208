import { createHash } from 'node:crypto';

export const ORDER_STREAM_PREFIX = 'order-';

/**
 * The order id is derived from (account, clientOrderId): a placement repeated, even concurrently,
 * lands on the same stream, where the store's expected-version check lets exactly one create it.
 */
export function orderIdFor(accountId: string, clientOrderId: string): string {
  return `ord_${createHash('sha256').update(`${accountId}\u0000${clientOrderId}`).digest('hex').slice(0, 24)}`;
}

export function orderStreamId(orderId: string): string {
  return `${ORDER_STREAM_PREFIX}${orderId}`;
}

/** Ids we hand out: anything else in a URL is simply not an order of ours. */
export function isOrderId(value: string): boolean {
  return /^ord_[0-9a-f]{24}$/.test(value);
}
