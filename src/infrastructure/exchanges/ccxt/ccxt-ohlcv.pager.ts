import type { OHLCV as CcxtOHLCV } from 'ccxt';
import type { OHLCV, SinceLimit } from '../market-data.types';
import { toCandle } from './ccxt-market-data.mapper';

/** One venue request: ccxt's fetchOHLCV with an optional `until` (inclusive end) param. */
export type OhlcvPageFetcher = (
  since: number | undefined,
  limit: number | undefined,
  until?: number,
) => Promise<CcxtOHLCV[]>;

export interface OhlcvPagingPlan {
  readonly pageSize: number;
  readonly timeframeMs: number;
  /** Ask for "the latest" without a limit (Hyperliquid) and slice locally. */
  readonly latestWithoutLimit: boolean;
  readonly onMalformed: (row: unknown) => void;
}

/** The default count when a caller gives no limit: the same on every venue. */
export const DEFAULT_OHLCV_LIMIT = 500;

/**
 * `since`/`limit` with one meaning on every venue: `since` inclusive, ascending results, at most
 * `limit` candles, fetched in pages of the venue's maximum size. Without `since`, the newest
 * `limit` candles (paging backwards with `until` when limit exceeds one page).
 */
export async function fetchOhlcvPaged(
  fetch: OhlcvPageFetcher,
  plan: OhlcvPagingPlan,
  options: SinceLimit = {},
): Promise<OHLCV[]> {
  const want = Math.max(1, options.limit ?? Math.min(DEFAULT_OHLCV_LIMIT, plan.pageSize));
  const byTime = new Map<number, OHLCV>();
  const accept = (rows: CcxtOHLCV[], from?: number, to?: number): number => {
    let added = 0;
    for (const row of rows) {
      const candle = toCandle(row);
      if (candle === undefined) {
        plan.onMalformed(row);
        continue;
      }
      if ((from !== undefined && candle[0] < from) || (to !== undefined && candle[0] > to)) continue;
      if (!byTime.has(candle[0])) added += 1;
      byTime.set(candle[0], candle);
    }
    return added;
  };
  const ascending = (): OHLCV[] => [...byTime.values()].sort((a, b) => a[0] - b[0]);

  if (options.since !== undefined) {
    let cursor = options.since;
    while (byTime.size < want) {
      const count = Math.min(plan.pageSize, want - byTime.size);
      const rows = await fetch(cursor, count);
      const added = accept(rows, cursor);
      const last = ascending().at(-1);
      // ccxt may clamp a page below the venue's maximum: only an empty page means the end.
      if (added === 0 || last === undefined) break;
      cursor = last[0] + plan.timeframeMs;
    }
    return ascending().slice(0, want);
  }

  const firstCount = plan.latestWithoutLimit ? undefined : Math.min(plan.pageSize, want);
  const first = await fetch(undefined, firstCount);
  accept(first);
  while (byTime.size < want && first.length >= Math.min(plan.pageSize, want)) {
    const oldest = ascending()[0];
    if (oldest === undefined) break;
    const count = Math.min(plan.pageSize, want - byTime.size);
    const until = oldest[0] - 1;
    const rows = await fetch(oldest[0] - count * plan.timeframeMs, count, until);
    if (accept(rows, undefined, until) === 0) break;
  }
  return ascending().slice(-want);
}
