import type { Logger } from 'pino';
import type { OHLCV, Trade } from './market-data.types';
import { venueMalformedRows, type MalformedRowKind } from './venue.metrics';

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** A candle any consumer can trust: six finite numbers, a consistent range, no negative volume. */
export function isValidCandle(row: unknown): row is OHLCV {
  if (!Array.isArray(row) || row.length !== 6) return false;
  const [timestamp, open, high, low, close, volume] = row as unknown[];
  if (!Number.isInteger(timestamp) || !isPositive(open) || !isPositive(high)) return false;
  if (!isPositive(low) || !isPositive(close) || typeof volume !== 'number') return false;
  return (
    Number.isFinite(volume) &&
    volume >= 0 &&
    high >= Math.max(open, close, low) &&
    low <= Math.min(open, close)
  );
}

export function isValidTrade(trade: unknown): trade is Trade {
  if (typeof trade !== 'object' || trade === null) return false;
  const t = trade as Partial<Record<keyof Trade, unknown>>;
  return (
    typeof t.id === 'string' &&
    Number.isInteger(t.timestamp) &&
    (t.side === 'buy' || t.side === 'sell') &&
    isPositive(t.price) &&
    isPositive(t.amount)
  );
}

/**
 * Drops the rows a venue answered that fail `isValid`, so one garbage row costs a row, not the
 * request: each is logged as a warning and counted in tradebook_venue_malformed_rows_total.
 * Every adapter passes its parsed klines and trades through here.
 */
export function keepValidRows<T>(
  rows: readonly unknown[],
  isValid: (row: unknown) => row is T,
  context: { exchange: string; kind: MalformedRowKind; logger?: Logger },
): T[] {
  const kept: T[] = [];
  for (const row of rows) {
    if (isValid(row)) {
      kept.push(row);
      continue;
    }
    venueMalformedRows.inc({ exchange: context.exchange, kind: context.kind });
    context.logger?.warn(
      { exchange: context.exchange, kind: context.kind, row },
      'skipped a malformed row from the venue',
    );
  }
  return kept;
}
