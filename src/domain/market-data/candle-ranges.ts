/**
 * Candle ranges by open time: `from` and `to` are the open times of the first and the last candle,
 * both inclusive and aligned to the timeframe's step (epoch-aligned, as venues align them in UTC).
 */
export interface CandleRange {
  from: number;
  to: number;
}

/** What one venue request asks for: `limit` candles opening at or after `since`. */
export interface CandlePage {
  since: number;
  limit: number;
}

/**
 * How long after its period ends a candle is taken as final. A venue finishes a candle a moment
 * after its close (trades still being processed, a clock a little behind ours), and a final candle
 * is never asked for again: until then it is served fresh from the venue and stored as not final.
 */
export const CANDLE_SETTLE_MS = 2_000;

/** The open time of the first candle that may not be final yet at `now` (the still-open one, or one just closed). */
export function unsettledOpen(now: number, stepMs: number): number {
  return alignDown(now - CANDLE_SETTLE_MS, stepMs);
}

export function alignDown(time: number, stepMs: number): number {
  return Math.floor(time / stepMs) * stepMs;
}

export function alignUp(time: number, stepMs: number): number {
  return Math.ceil(time / stepMs) * stepMs;
}

export function candleCount(range: CandleRange, stepMs: number): number {
  return (range.to - range.from) / stepMs + 1;
}

export interface CandleWindow {
  /** Every candle the request can answer with (the open one included). */
  range: CandleRange;
  /** The part whose candles have closed: only these are stored, and served from the store. */
  closed: CandleRange | null;
  /** The candle still open at `now`, when the window reaches it. */
  openCandle: number | null;
}

/**
 * The candles a fetchOHLCV request means, the same on every venue: with `since`, the first `limit`
 * candles opening at or after it; without, the latest `limit` candles ending with the open one.
 * Null when nothing can exist yet (since after the open candle's open time).
 */
export function candleWindow(q: {
  since?: number;
  limit: number;
  stepMs: number;
  now: number;
}): CandleWindow | null {
  const currentOpen = alignDown(q.now, q.stepMs);
  let range: CandleRange;
  if (q.since === undefined) {
    range = { from: Math.max(0, currentOpen - (q.limit - 1) * q.stepMs), to: currentOpen };
  } else {
    const from = alignUp(q.since, q.stepMs);
    if (from > currentOpen) return null;
    range = { from, to: Math.min(from + (q.limit - 1) * q.stepMs, currentOpen) };
  }
  const lastClosed = Math.min(range.to, currentOpen - q.stepMs);
  return {
    range,
    closed: lastClosed >= range.from ? { from: range.from, to: lastClosed } : null,
    openCandle: range.to === currentOpen ? currentOpen : null,
  };
}

/** Sorted, with overlapping and adjacent ranges joined. */
export function mergeRanges(ranges: readonly CandleRange[], stepMs: number): CandleRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: CandleRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.from <= last.to + stepMs) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

/** The parts of `window` that no covered range holds, ascending. */
export function missingRanges(
  window: CandleRange,
  covered: readonly CandleRange[],
  stepMs: number,
): CandleRange[] {
  const gaps: CandleRange[] = [];
  let cursor = window.from;
  for (const c of mergeRanges(covered, stepMs)) {
    if (c.to < cursor) continue;
    if (c.from > window.to) break;
    if (c.from > cursor) gaps.push({ from: cursor, to: Math.min(c.from - stepMs, window.to) });
    cursor = Math.max(cursor, c.to + stepMs);
    if (cursor > window.to) break;
  }
  if (cursor <= window.to) gaps.push({ from: cursor, to: window.to });
  return gaps;
}

/**
 * The fewest venue requests that fetch every gap: each page starts at the first candle still missing
 * and takes `pageSize` candles, so gaps close to each other share a page (re-reading a few stored
 * candles costs nothing next to another round trip). Greedy from the left is optimal for fixed-length
 * pages. The last page of a gap asks only for what it needs.
 */
export function planPages(gaps: readonly CandleRange[], stepMs: number, pageSize: number): CandlePage[] {
  const merged = mergeRanges(gaps, stepMs);
  const pages: CandlePage[] = [];
  let i = 0;
  let start = merged[0]?.from;
  while (start !== undefined) {
    const pageEnd = start + (pageSize - 1) * stepMs;
    // The furthest missing candle this page must reach.
    let last = start;
    while (i < merged.length && (merged[i]?.from ?? Infinity) <= pageEnd) {
      const gap = merged[i] as CandleRange;
      last = Math.min(gap.to, pageEnd);
      if (gap.to > pageEnd) break;
      i += 1;
    }
    pages.push({ since: start, limit: (last - start) / stepMs + 1 });
    const current = merged[i];
    if (current === undefined) break;
    start = Math.max(current.from, pageEnd + stepMs);
  }
  return pages;
}

/**
 * What a page's answer proves: the venue answers ascending from `since`, so everything up to the last
 * candle it returned is now known (a venue without a candle for some minute simply has none). Past
 * that, the rest of the page counts as known only when it is settled (older than one full step
 * before the open candle), since a venue may publish a just-closed candle a moment late.
 */
export function provenCoverage(
  asked: CandleRange,
  lastReturned: number | null,
  settledBefore: number,
): CandleRange | null {
  if (asked.to < settledBefore || (lastReturned !== null && lastReturned >= asked.to)) return asked;
  if (lastReturned === null || lastReturned < asked.from) return null;
  return { from: asked.from, to: lastReturned };
}
