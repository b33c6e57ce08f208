import { CANDLE_SETTLE_MS } from './candle-ranges';
import { planWarmup, warmupWindow } from './warmup-plan';
import { warmupProgress, type WarmupItemState } from './warmup-progress';

const M = 60_000;
const H = 60 * M;

describe('planWarmup', () => {
  it('schedules only the missing series, largest timeframe first, with their pages', () => {
    const items = planWarmup(
      [
        { symbol: 'BTC', timeframe: '1m', stepMs: M, wanted: { from: 0, to: 2999 * M }, covered: [] },
        // Fully covered: not scheduled.
        {
          symbol: 'BTC',
          timeframe: '1h',
          stepMs: H,
          wanted: { from: 0, to: 99 * H },
          covered: [{ from: 0, to: 99 * H }],
        },
        // Half covered: only the first half.
        {
          symbol: 'ETH',
          timeframe: '1h',
          stepMs: H,
          wanted: { from: 0, to: 99 * H },
          covered: [{ from: 50 * H, to: 99 * H }],
        },
      ],
      1500,
    );
    expect(items.map((i) => [i.symbol, i.timeframe, i.missingCandles, i.pages.length])).toEqual([
      ['ETH', '1h', 50, 1],
      ['BTC', '1m', 3000, 2], // 3,000 candles / 1,500 per page
    ]);
  });

  it('wants the latest closed candles', () => {
    // now is inside the candle opened at minute 10: the last closed one opened at minute 9.
    expect(warmupWindow(3, M, 10 * M + 5_000)).toEqual({ from: 7 * M, to: 9 * M });
    expect(warmupWindow(30, M, 10 * M + 5_000)).toEqual({ from: 0, to: 9 * M });
  });

  it('leaves out a candle closed less than CANDLE_SETTLE_MS ago (it is not final yet)', () => {
    expect(warmupWindow(3, M, 10 * M + CANDLE_SETTLE_MS - 1)).toEqual({ from: 6 * M, to: 8 * M });
    expect(warmupWindow(3, M, 10 * M + CANDLE_SETTLE_MS)).toEqual({ from: 7 * M, to: 9 * M });
  });
});

describe('warmupProgress', () => {
  const item = (over: Partial<WarmupItemState>): WarmupItemState => ({
    symbol: 'BTC',
    timeframe: '1m',
    calls: 4,
    callsDone: 0,
    status: 'pending',
    ...over,
  });

  it('percent and ETA by requests, symbols still to do, failures', () => {
    const p = warmupProgress(
      'running',
      [
        item({ callsDone: 4, status: 'done' }),
        item({ symbol: 'ETH', callsDone: 1, status: 'running' }),
        item({ symbol: 'SOL', status: 'failed', error: { code: 'VENUE_UNAVAILABLE', message: 'down' } }),
        item({ symbol: 'XRP', calls: 2 }),
      ],
      9_000,
    );
    // done: 4 + 1 + 4 (failed counts as finished) = 9 of 14 -> 64.2%.
    // made: 4 + 1 + 1 (the failed item's one attempt) = 6 requests in 9 s -> 1.5 s each; 5 left -> 7.5 s.
    expect(p).toEqual({
      status: 'running',
      percent: 64.2,
      callsDone: 9,
      callsTotal: 14,
      etaMs: 7_500,
      symbolsRemaining: ['ETH', 'XRP'],
      failures: [{ symbol: 'SOL', timeframe: '1m', code: 'VENUE_UNAVAILABLE', message: 'down' }],
    });
  });

  it('an empty schedule is complete at once', () => {
    expect(warmupProgress('done', [], 0)).toMatchObject({ percent: 100, etaMs: null, callsTotal: 0 });
  });
});
