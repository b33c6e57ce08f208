import { warmupProgress, type WarmupItemState } from './warmup-progress';

const item = (over: Partial<WarmupItemState>): WarmupItemState => ({
  symbol: 'BTC/USDT:USDT',
  timeframe: '1m',
  calls: 10,
  callsDone: 0,
  status: 'pending',
  ...over,
});

describe('warmupProgress', () => {
  it('counts venue requests: percent, ETA from the pace so far, symbols remaining', () => {
    const p = warmupProgress(
      'running',
      [
        item({ timeframe: '1h', calls: 2, callsDone: 2, status: 'done' }),
        item({ symbol: 'ETH/USDT:USDT', calls: 6, callsDone: 2, status: 'running' }),
        item({ symbol: 'SOL/USDT:USDT', calls: 2 }),
      ],
      4_000,
    );
    // 4 of 10 requests in 4 s: 6 left at 1 s each.
    expect(p).toEqual({
      status: 'running',
      percent: 40,
      callsDone: 4,
      callsTotal: 10,
      etaMs: 6_000,
      symbolsRemaining: ['ETH/USDT:USDT', 'SOL/USDT:USDT'],
      failures: [],
    });
  });

  it('no ETA before the first request nor once finished; a finished warmup is at 100%', () => {
    expect(warmupProgress('running', [item({ status: 'running' })], 500).etaMs).toBeNull();
    const done = warmupProgress('done', [item({ callsDone: 10, status: 'done' })], 9_000);
    expect(done).toMatchObject({ percent: 100, etaMs: null, symbolsRemaining: [] });
    expect(warmupProgress('done', [], 0)).toMatchObject({ percent: 100, callsTotal: 0, etaMs: null });
  });

  it("a failed item's skipped requests count for the percentage, not for the pace", () => {
    const error = { code: 'VENUE_UNAVAILABLE', message: 'down' };
    const p = warmupProgress(
      'running',
      [
        // Failed on its first request: 1 request made, 9 never made.
        item({ status: 'failed', error }),
        item({ symbol: 'ETH/USDT:USDT', callsDone: 1, status: 'running' }),
      ],
      2_000,
    );
    expect(p.percent).toBe(55);
    // 2 requests took 2 s: the 9 left take about 9 s (not 2 s / 11 "done" * 9).
    expect(p.etaMs).toBe(9_000);
    expect(p.failures).toEqual([{ symbol: 'BTC/USDT:USDT', timeframe: '1m', ...error }]);
    expect(p.symbolsRemaining).toEqual(['ETH/USDT:USDT']);
  });
});
