import fc from 'fast-check';
import {
  candleCount,
  candleWindow,
  mergeRanges,
  missingRanges,
  planPages,
  provenCoverage,
  type CandleRange,
} from './candle-ranges';

const M = 60_000;
const r = (from: number, to: number): CandleRange => ({ from: from * M, to: to * M });

describe('candleWindow', () => {
  const now = 100 * M + 30_000; // the 1m candle opened at minute 100 is still open

  it('with since: the first `limit` candles opening at or after it, up to the open candle', () => {
    expect(candleWindow({ since: 10 * M + 1, limit: 5, stepMs: M, now })).toEqual({
      range: r(11, 15),
      closed: r(11, 15),
      openCandle: null,
    });
    expect(candleWindow({ since: 98 * M, limit: 5, stepMs: M, now })).toEqual({
      range: r(98, 100),
      closed: r(98, 99),
      openCandle: 100 * M,
    });
  });

  it('without since: the latest `limit` candles ending with the open one', () => {
    expect(candleWindow({ limit: 3, stepMs: M, now })).toEqual({
      range: r(98, 100),
      closed: r(98, 99),
      openCandle: 100 * M,
    });
  });

  it('is empty when since is after the open candle opened', () => {
    expect(candleWindow({ since: 100 * M + 1, limit: 5, stepMs: M, now })).toBeNull();
  });
});

describe('missingRanges', () => {
  it('subtracts covered ranges from the window', () => {
    expect(missingRanges(r(0, 99), [r(10, 19), r(20, 29), r(50, 200)], M)).toEqual([r(0, 9), r(30, 49)]);
    expect(missingRanges(r(0, 9), [r(0, 9)], M)).toEqual([]);
    expect(missingRanges(r(0, 9), [], M)).toEqual([r(0, 9)]);
  });

  it('property: gaps and coverage together hold every candle of the window exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(200), fc.nat(30)), { maxLength: 8 }),
        fc.nat(150),
        fc.nat(100),
        (raw, wFrom, wLen) => {
          const covered = raw.map(([f, l]) => r(f, f + l));
          const window = r(wFrom, wFrom + wLen);
          const gaps = missingRanges(window, covered, M);
          for (let t = window.from; t <= window.to; t += M) {
            const inGap = gaps.filter((g) => g.from <= t && t <= g.to).length;
            const inCover = covered.some((c) => c.from <= t && t <= c.to);
            expect(inGap).toBe(inCover ? 0 : 1);
          }
        },
      ),
    );
  });
});

describe('planPages', () => {
  it('one page per pageSize candles of a single gap; the last asks only for the rest', () => {
    // 2,500 missing candles with 1,000 per page: 1,000 + 1,000 + 500.
    expect(planPages([r(0, 2499)], M, 1000)).toEqual([
      { since: 0, limit: 1000 },
      { since: 1000 * M, limit: 1000 },
      { since: 2000 * M, limit: 500 },
    ]);
  });

  it('gaps that fit in one page share it', () => {
    expect(planPages([r(0, 9), r(500, 509)], M, 1000)).toEqual([{ since: 0, limit: 510 }]);
    expect(planPages([r(0, 9), r(1500, 1509)], M, 1000)).toEqual([
      { since: 0, limit: 10 },
      { since: 1500 * M, limit: 10 },
    ]);
  });

  it('property: pages fetch every missing candle, with no more pages than a gap-by-gap plan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5000), fc.nat(400)), { maxLength: 10 }),
        fc.integer({ min: 1, max: 700 }),
        (raw, pageSize) => {
          const gaps = raw.map(([f, l]) => r(f, f + l));
          const pages = planPages(gaps, M, pageSize);
          for (const p of pages) expect(p.limit).toBeLessThanOrEqual(pageSize);
          for (const g of gaps) {
            for (let t = g.from; t <= g.to; t += M) {
              expect(pages.some((p) => p.since <= t && t < p.since + p.limit * M)).toBe(true);
            }
          }
          // A plan that pages each merged gap on its own never needs fewer requests.
          const gapByGap = mergeRanges(gaps, M).reduce(
            (n, g) => n + Math.ceil(candleCount(g, M) / pageSize),
            0,
          );
          expect(pages.length).toBeLessThanOrEqual(gapByGap);
          expect(pages.length > 0).toBe(gaps.length > 0);
        },
      ),
    );
  });
});

describe('provenCoverage', () => {
  it('trusts a full answer, or a settled range whatever came back', () => {
    expect(provenCoverage(r(0, 9), 9 * M, 5 * M)).toEqual(r(0, 9));
    expect(provenCoverage(r(0, 9), null, 50 * M)).toEqual(r(0, 9));
  });

  it('for an unsettled range, only up to the last candle returned', () => {
    expect(provenCoverage(r(0, 9), 6 * M, 5 * M)).toEqual(r(0, 6));
    expect(provenCoverage(r(0, 9), null, 5 * M)).toBeNull();
  });
});
