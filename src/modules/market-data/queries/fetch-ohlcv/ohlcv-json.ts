import type { OHLCV } from '../../../../infrastructure/exchanges/market-data.types';

/*
 * fetchOHLCV's body, serialised once per answer array. Answers served from the final-candle cache
 * are the same frozen array every time, so a chart polled by many clients is stringified (and
 * UTF-8 encoded) once, not once per request: that, and not the store, dominated the hot path.
 */
const serialised = new WeakMap<readonly OHLCV[], Buffer>();

export function ohlcvJson(rows: readonly OHLCV[]): Buffer {
  let body = serialised.get(rows);
  if (body === undefined) {
    body = Buffer.from(JSON.stringify(rows));
    if (Object.isFrozen(rows)) serialised.set(rows, body);
  }
  return body;
}
