import { CANDLE_SETTLE_MS } from '../../src/domain/market-data';
import { MARKET_CLOCK, type MarketClock } from '../../src/modules/market-data';
import type { RunningApp } from '../support/app-harness';
import { startSimAppWithViewer } from './sim-app-helpers';

type Body = Record<string, unknown>;
type ErrorBody = {
  error: { code: string; message: string; details: Record<string, unknown> };
  requestId: string;
};

const BTC = 'BTC/USDT:USDT';
const M = 60_000;
const H = 3_600_000;

describe('market-data warmups over REST (sim venue)', () => {
  let running: RunningApp;
  let viewerKey: string;

  beforeAll(async () => {
    ({ running, viewerKey } = await startSimAppWithViewer('warmup viewer'));
  });
  afterAll(() => running.close());
  afterEach(() => jest.restoreAllMocks());

  const post = (path: string, body: Body, key: string) => running.as(key).post(path).send(body);

  it('answers the schedule (202), runs it, and a second warmup finds nothing to do', async () => {
    // The warmups' time held still 1 ms before the newest 1m candle settles (in the last hour, which
    // the sim venue, on real time, has candles for): however long the first warmup takes, the second
    // sees the same settled candles, so anything it schedules was missed. Mid hour, off a 5m
    // boundary, so that 1 ms later only the 1m candles settle.
    const minute = Math.floor(Date.now() / H) * H - H + 31 * M;
    const clock = running.app.get<symbol, MarketClock>(MARKET_CLOCK);
    const now = jest.spyOn(clock, 'now').mockReturnValue(minute + CANDLE_SETTLE_MS - 1);
    // Symbols no other test of this app touched, so the store holds none of their candles yet.
    const body = {
      exchange: 'sim',
      symbols: ['XRP/USDT:USDT', 'DOGEUSDT'],
      timeframes: ['1m', '1h', '5m'],
      candles: 1600,
    };
    const started = await post('/v1/warmups', body, running.adminKey).expect(202);
    const warmup = started.body as {
      id: string;
      status: string;
      timeframes: string[];
      schedule: {
        symbol: string;
        timeframe: string;
        calls: number;
        missingCandles: number;
        gaps: unknown[];
      }[];
      progress: { percent: number; callsTotal: number };
    };
    expect(warmup.status).toBe('planned');
    expect(warmup.timeframes).toEqual(['1h', '5m', '1m']);
    // Largest timeframe first; 1,600 candles = 2 pages of the sim's 1,500.
    expect(warmup.schedule.map((i) => [i.timeframe, i.symbol, i.missingCandles, i.calls])).toEqual([
      ['1h', 'XRP/USDT:USDT', 1600, 2],
      ['1h', 'DOGE/USDT:USDT', 1600, 2],
      ['5m', 'XRP/USDT:USDT', 1600, 2],
      ['5m', 'DOGE/USDT:USDT', 1600, 2],
      ['1m', 'XRP/USDT:USDT', 1600, 2],
      ['1m', 'DOGE/USDT:USDT', 1600, 2],
    ]);
    expect(warmup.progress.callsTotal).toBe(12);

    const done = await waitFor(running, warmup.id, viewerKey);
    expect(done.status).toBe('done');
    expect(done.progress).toMatchObject({
      percent: 100,
      callsDone: 12,
      symbolsRemaining: [],
      failures: [],
    });

    const again = await post('/v1/warmups', body, running.adminKey).expect(202);
    expect(again.body).toMatchObject({
      status: 'done',
      schedule: [],
      progress: { callsTotal: 0, percent: 100 },
    });

    // 1 ms later that candle settles, and a warmup wants exactly it: the pin above is what held it back.
    now.mockReturnValue(minute + CANDLE_SETTLE_MS);
    const later = await post('/v1/warmups', { ...body, dryRun: true }, running.adminKey).expect(202);
    const settled = { from: minute - M, to: minute - M };
    expect((later.body as typeof warmup).schedule.map((i) => [i.timeframe, i.symbol, i.gaps])).toEqual([
      ['1m', 'XRP/USDT:USDT', [settled]],
      ['1m', 'DOGE/USDT:USDT', [settled]],
    ]);
  }, 120_000);

  it('plans without running on dryRun, readable with status planned', async () => {
    const res = await post(
      '/v1/warmups',
      { exchange: 'sim', symbols: ['SOLUSDT'], timeframes: ['4h'], candles: 10, dryRun: true },
      running.adminKey,
    ).expect(202);
    const id = (res.body as { id: string }).id;
    const read = await running.as(viewerKey).get(`/v1/warmups/${id}`).expect(200);
    expect(read.body).toMatchObject({
      status: 'planned',
      schedule: [
        { symbol: 'SOL/USDT:USDT', timeframe: '4h', missingCandles: 10, calls: 1, status: 'pending' },
      ],
    });
  });

  it('refuses bad warmups and unknown ids', async () => {
    const admin = running.adminKey;
    expect(
      (
        await post(
          '/v1/warmups',
          { exchange: 'x', symbols: [BTC], timeframes: ['1m'], candles: 5 },
          admin,
        ).expect(400)
      ).body,
    ).toMatchObject({ error: { code: 'UNKNOWN_EXCHANGE' } });
    expect(
      (
        await post(
          '/v1/warmups',
          { exchange: 'sim', symbols: ['NOPE'], timeframes: ['1m'], candles: 5 },
          admin,
        ).expect(400)
      ).body,
    ).toMatchObject({ error: { code: 'BAD_SYMBOL' } });
    expect(
      (
        await post(
          '/v1/warmups',
          { exchange: 'sim', symbols: [BTC], timeframes: ['2m'], candles: 5 },
          admin,
        ).expect(400)
      ).body,
    ).toMatchObject({ error: { code: 'BAD_TIMEFRAME' } });
    expect(
      (
        await post(
          '/v1/warmups',
          { exchange: 'sim', symbols: [], timeframes: ['1m'], candles: 5 },
          admin,
        ).expect(400)
      ).body,
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(
      (
        await post(
          '/v1/warmups',
          { exchange: 'sim', symbols: [BTC], timeframes: ['1m'], candles: 0 },
          admin,
        ).expect(400)
      ).body,
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const missing = await running
      .as(viewerKey)
      .get('/v1/warmups/6f1c1d3e-8a7b-4c2d-9e0f-123456789abc')
      .expect(404);
    expect((missing.body as ErrorBody).error.code).toBe('WARMUP_NOT_FOUND');
    await running.as(viewerKey).get('/v1/warmups/not-a-uuid').expect(400);
  });
});

async function waitFor(
  running: RunningApp,
  id: string,
  key: string,
): Promise<{ status: string; progress: Record<string, unknown> }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await running.as(key).get(`/v1/warmups/${id}`).expect(200);
    const body = res.body as { status: string; progress: Record<string, unknown> };
    if (body.status === 'done' || body.status === 'failed' || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
}
