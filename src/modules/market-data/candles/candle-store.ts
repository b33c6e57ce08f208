import { Injectable } from '@nestjs/common';
import {
  missingRanges,
  planPages,
  provenCoverage,
  type CandlePage,
  type CandleRange,
  type CandleWindow,
  unsettledOpen,
} from '../../../domain/market-data';
import { KeyedTurns } from '../../../infrastructure/concurrency/keyed-turns';
import type { ExchangeAdapter } from '../../../infrastructure/exchanges/exchange-adapter.port';
import type { OHLCV, Timeframe } from '../../../infrastructure/exchanges/market-data.types';
import { CandleRepository } from './candle.repository';
import { seriesKey, type CandleSeries } from './candle-series';
import { FinalCandleCache } from './final-candle-cache';

/**
 * The open candle changes with every trade and is never served from the store, so a chart polled by
 * many clients would cost a venue request (and a write) each: asked for alone, it is reused for this
 * long per series. The realtime `ohlcv:` topic is the way to follow it live.
 */
const OPEN_CANDLE_FRESH_MS = 1_000;

/**
 * fetchOHLCV through the store: closed candles come from the store, and the venue is asked only
 * for the ranges the store has not covered yet, in the fewest requests its page size allows; what
 * arrives is stored (closed candles as final) before it is answered.
 */
@Injectable()
export class CandleStore {
  private readonly inFlight = new Map<string, Promise<OHLCV[]>>();
  /**
   * Per series, the requests that found ranges missing take turns: each looks at the coverage again
   * in its turn, so a request that arrives while another is filling the same range waits for it and
   * then reads the store, instead of asking the venue a second time.
   */
  private readonly filling = new KeyedTurns();
  /** Per series, the latest answer to a request for the open candle alone. */
  private readonly openCandles = new Map<string, { openTime: number; at: number; rows: Promise<OHLCV[]> }>();

  constructor(
    private readonly repository: CandleRepository,
    private readonly cache: FinalCandleCache,
  ) {}

  async fetch(
    adapter: ExchangeAdapter,
    s: CandleSeries,
    window: CandleWindow,
    now: number,
  ): Promise<readonly OHLCV[]> {
    const closed = window.closed;
    if (closed === null) return this.withVenue(adapter, s, window, [], [], now);
    const cached = this.cache.get(s, closed);
    if (cached !== undefined) {
      return window.openCandle === null ? cached : this.withVenue(adapter, s, window, cached, [], now);
    }
    const first = await this.readStored(s, closed);
    if (first.gaps.length === 0) return this.withVenue(adapter, s, window, first.stored, [], now);
    return this.filling.run(`${adapter.id}\u0000${seriesKey(s)}`, async () => {
      const { stored, gaps } = await this.readStored(s, closed);
      return this.withVenue(adapter, s, window, stored, gaps, now);
    });
  }

  /** The stored closed candles of a range and the ranges not covered yet; a fully covered range is cached. */
  private async readStored(
    s: CandleSeries,
    closed: CandleRange,
  ): Promise<{ stored: readonly OHLCV[]; gaps: CandleRange[] }> {
    const gaps = missingRanges(closed, await this.repository.coverage(s, closed), s.stepMs);
    const stored = await this.repository.readFinal(s, closed);
    if (gaps.length === 0) this.cache.set(s, closed, stored);
    return { stored, gaps };
  }

  /** Adds to what the store holds what the venue is asked for: the gaps, and the open candle. */
  private async withVenue(
    adapter: ExchangeAdapter,
    s: CandleSeries,
    window: CandleWindow,
    stored: readonly OHLCV[],
    gaps: CandleRange[],
    now: number,
  ): Promise<readonly OHLCV[]> {
    const pages = planPages(gaps, s.stepMs, adapter.capabilities.ohlcvPageSize);
    if (window.openCandle !== null) addOpenCandle(pages, window.openCandle, s.stepMs, adapter);
    if (pages.length === 0) return stored;

    const byOpenTime = new Map<number, OHLCV>();
    for (const c of stored) byOpenTime.set(c[0], c);
    const finalBefore = unsettledOpen(now, s.stepMs);
    for (const page of pages) {
      const rows =
        page.since === window.openCandle && page.limit === 1
          ? this.openCandle(adapter, s, page, finalBefore, now)
          : this.fetchPage(adapter, s, page, finalBefore);
      for (const c of await rows) byOpenTime.set(c[0], c);
    }
    return [...byOpenTime.values()]
      .filter((c) => c[0] >= window.range.from && c[0] <= window.range.to)
      .sort((a, b) => a[0] - b[0]);
  }

  private openCandle(
    adapter: ExchangeAdapter,
    s: CandleSeries,
    page: CandlePage,
    finalBefore: number,
    now: number,
  ): Promise<OHLCV[]> {
    const key = `${adapter.id}\u0000${seriesKey(s)}`;
    const recent = this.openCandles.get(key);
    if (recent?.openTime === page.since && now - recent.at < OPEN_CANDLE_FRESH_MS) return recent.rows;
    const rows = this.fetchPage(adapter, s, page, finalBefore);
    const entry = { openTime: page.since, at: now, rows };
    this.openCandles.set(key, entry);
    // A failure is not reused: the next request asks again.
    rows.catch(() => {
      if (this.openCandles.get(key) === entry) this.openCandles.delete(key);
    });
    return rows;
  }

  /** Per asked series, the covered ranges that touch its range (the warmup's scan, in one read). */
  coverages(asked: readonly { series: CandleSeries; range: CandleRange }[]): Promise<CandleRange[][]> {
    return this.repository.coverages(asked);
  }

  /**
   * One venue request: stores what it returns (candles opening before `finalBefore` as final, the
   * open or just-closed ones as not final: see CANDLE_SETTLE_MS) and the coverage that answer
   * proves. The same request already under way (many clients opening the same chart at once) is
   * awaited, not repeated.
   */
  fetchPage(
    adapter: ExchangeAdapter,
    s: CandleSeries,
    page: CandlePage,
    finalBefore: number,
  ): Promise<OHLCV[]> {
    const key = `${adapter.id}\u0000${seriesKey(s)}\u0000${page.since}\u0000${page.limit}\u0000${finalBefore}`;
    const underway = this.inFlight.get(key);
    if (underway !== undefined) return underway;
    const request = this.fetchAndStore(adapter, s, page, finalBefore).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, request);
    return request;
  }

  private async fetchAndStore(
    adapter: ExchangeAdapter,
    s: CandleSeries,
    page: CandlePage,
    finalBefore: number,
  ): Promise<OHLCV[]> {
    const asked: CandleRange = { from: page.since, to: page.since + (page.limit - 1) * s.stepMs };
    const rows = (await adapter.fetchOHLCV(s.symbol, s.timeframe as Timeframe, page)).filter(
      (c) => c[0] >= asked.from && c[0] <= asked.to && c[0] % s.stepMs === 0,
    );
    const candles = rows.map((candle) => ({ candle, final: candle[0] < finalBefore }));
    const lastClosed = Math.min(asked.to, finalBefore - s.stepMs);
    let covered: CandleRange | null = null;
    if (lastClosed >= asked.from) {
      const returnedClosed = candles.filter((c) => c.final).map((c) => c.candle[0]);
      covered = provenCoverage(
        { from: asked.from, to: lastClosed },
        returnedClosed.length === 0 ? null : Math.max(...returnedClosed),
        finalBefore - s.stepMs,
      );
    }
    await this.repository.store(s, candles, covered);
    return rows;
  }
}

/**
 * The open candle rides on the last page when that page ends just before it and has room; else it
 * takes a request of its own.
 */
function addOpenCandle(
  pages: CandlePage[],
  openTime: number,
  stepMs: number,
  adapter: ExchangeAdapter,
): void {
  const last = pages[pages.length - 1];
  if (
    last !== undefined &&
    last.since + last.limit * stepMs === openTime &&
    last.limit < adapter.capabilities.ohlcvPageSize
  ) {
    last.limit += 1;
  } else {
    pages.push({ since: openTime, limit: 1 });
  }
}
