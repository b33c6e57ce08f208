import ccxt, { type Exchange, type Trade as CcxtTrade } from 'ccxt';
import {
  TIMEFRAME_MS,
  type OHLCV,
  type OrderBook,
  type SinceLimit,
  type Ticker,
  type Timeframe,
  type Trade,
} from '../market-data.types';
import { toOrderBook, toTicker, toTrade } from './ccxt-market-data.mapper';
import { fetchOhlcvPaged } from './ccxt-ohlcv.pager';
import { callVenue, reportMalformedRow, resolveSymbol, type CcxtVenueContext } from './ccxt-venue-context';

/**
 * REST snapshots through ccxt, shaped by the port's rules: results ascending, `since` inclusive,
 * `limit` honoured on every venue, malformed rows skipped and counted (never a failed request).
 */
export class CcxtSnapshots {
  constructor(private readonly context: CcxtVenueContext) {}

  async fetchTrades(symbol: string, options: SinceLimit = {}): Promise<Trade[]> {
    const { exchange, unified } = await resolveSymbol(this.context, symbol);
    const profile = this.context.profile;
    if (profile.publicTradesRest === false) return [];
    // A venue that only answers its latest trades would otherwise page from the wrong end.
    const venueLimit =
      options.since !== undefined && profile.recentTradesMax !== undefined
        ? profile.recentTradesMax
        : options.limit;
    const raw = await callVenue(this.context, exchange, () =>
      exchange
        .fetchTrades(unified, options.since, venueLimit, this.tradesParams(options.since))
        .catch((error: unknown) => {
          // ccxt throws on the whole answer when one row cannot be parsed (a plain TypeError, not a
          // ccxt error): parse the rows of the answer it kept one by one instead.
          if (error instanceof Error && !(error instanceof ccxt.BaseError))
            return this.parseRowsOneByOne(exchange, unified);
          throw error;
        }),
    );
    const trades: Trade[] = [];
    for (const row of raw) {
      const trade = toTrade(row);
      if (trade === undefined) reportMalformedRow(this.context, 'trades', row);
      else if (options.since === undefined || trade.timestamp >= options.since) trades.push(trade);
    }
    trades.sort((a, b) => a.timestamp - b.timestamp);
    if (options.limit === undefined) return trades;
    return options.since === undefined ? trades.slice(-options.limit) : trades.slice(0, options.limit);
  }

  async fetchOHLCV(symbol: string, timeframe: Timeframe, options: SinceLimit = {}): Promise<OHLCV[]> {
    const { exchange, unified } = await resolveSymbol(this.context, symbol);
    const profile = this.context.profile;
    return fetchOhlcvPaged(
      (since, limit, until) =>
        callVenue(this.context, exchange, () =>
          // With the limit sent raw, ccxt must not slice: it would hide a malformed row.
          exchange.fetchOHLCV(
            unified,
            timeframe,
            since,
            this.ccxtOhlcvLimit(limit),
            this.ohlcvParams(limit, until),
          ),
        ),
      {
        pageSize: profile.ohlcvPageSize,
        timeframeMs: TIMEFRAME_MS[timeframe],
        latestWithoutLimit: profile.latestOhlcvWithoutLimit === true,
        onMalformed: (row) => reportMalformedRow(this.context, 'klines', row),
      },
      options,
    );
  }

  async fetchOrderBook(symbol: string, limit?: number): Promise<OrderBook> {
    const { exchange, unified } = await resolveSymbol(this.context, symbol);
    const depths = this.context.profile.orderBookLimits;
    const venueLimit = limit === undefined ? undefined : (depths?.find((l) => l >= limit) ?? limit);
    const book = await callVenue(this.context, exchange, () => exchange.fetchOrderBook(unified, venueLimit));
    return toOrderBook(book, unified, limit);
  }

  async fetchTicker(symbol: string): Promise<Ticker> {
    const { exchange, unified } = await resolveSymbol(this.context, symbol);
    return toTicker(await callVenue(this.context, exchange, () => exchange.fetchTicker(unified)), unified);
  }

  private tradesParams(since: number | undefined): Record<string, unknown> {
    return since !== undefined && this.context.profile.tradesSinceNeedsUntil === true
      ? { until: Date.now() }
      : {};
  }

  private parseRowsOneByOne(exchange: Exchange, symbol: string): CcxtTrade[] {
    const json: unknown = (exchange as unknown as { last_json_response?: unknown }).last_json_response;
    const market = exchange.market(symbol);
    const trades: CcxtTrade[] = [];
    for (const row of rowsOf(json)) {
      try {
        trades.push(exchange.parseTrade(row as Record<string, unknown>, market));
      } catch {
        reportMalformedRow(this.context, 'trades', row);
      }
    }
    return trades;
  }

  /**
   * The limit ccxt is told. ccxt slices its sorted, parsed answer to it, which would drop a malformed
   * row before the pager can count it; so it is given only where ccxt must turn it into the request
   * (no raw limit param), and Hyperliquid, whose candleSnapshot takes no limit, gets none.
   */
  private ccxtOhlcvLimit(limit: number | undefined): number | undefined {
    const profile = this.context.profile;
    if (profile.latestOhlcvWithoutLimit === true) return undefined;
    // With the venue's limit sent raw, no local cap: ccxt keeps every row the venue sent.
    return profile.rawOhlcvLimit === true && limit !== undefined ? Number.MAX_SAFE_INTEGER : limit;
  }

  private ohlcvParams(limit: number | undefined, until: number | undefined): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    if (until !== undefined) params.until = until;
    if (this.context.profile.rawOhlcvLimit === true && limit !== undefined) params.limit = limit;
    return params;
  }
}

/** The row list of a venue answer: a top-level array, or `result.list` / `data` (Bybit, others). */
function rowsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (typeof json !== 'object' || json === null) return [];
  const record = json as Record<string, unknown>;
  const result = record.result as Record<string, unknown> | undefined;
  if (Array.isArray(result?.list)) return result.list;
  return Array.isArray(record.data) ? record.data : [];
}
