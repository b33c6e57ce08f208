import type { Trade } from '../../src/infrastructure/exchanges/market-data.types';
import { RecentTradesRing } from '../../src/modules/market-data';
import type { RunningApp } from '../support/app-harness';
import { startSimAppWithViewer } from './sim-app-helpers';

type Body = Record<string, unknown>;
type ErrorBody = {
  error: { code: string; message: string; details: Record<string, unknown> };
  requestId: string;
};

const MINUTE = 60_000;
const BTC = 'BTC/USDT:USDT';

describe('market data over REST (sim venue)', () => {
  let running: RunningApp;
  let viewerKey: string;

  beforeAll(async () => {
    ({ running, viewerKey } = await startSimAppWithViewer('md viewer'));
  });
  afterAll(() => running.close());

  const post = (path: string, body: Body, key?: string) =>
    running
      .as(key ?? viewerKey)
      .post(path)
      .send(body);

  async function expectError(path: string, body: Body, code: string): Promise<ErrorBody> {
    const res = await post(path, body).expect(400);
    const error = res.body as ErrorBody;
    expect(error.error.code).toBe(code);
    expect(typeof error.error.message).toBe('string');
    expect(typeof error.requestId).toBe('string');
    return error;
  }

  describe('fetchOHLCV', () => {
    it('answers ccxt rows for a past range, the same for the ccxt and the native symbol', async () => {
      const since = Math.floor(Date.now() / MINUTE) * MINUTE - 500 * MINUTE;
      const a = await post('/v1/fetchOHLCV', {
        exchange: 'sim',
        symbol: BTC,
        timeframe: '1m',
        since,
        limit: 100,
      }).expect(200);
      const rows = a.body as number[][];
      expect(rows).toHaveLength(100);
      expect(rows[0]?.[0]).toBe(since);
      for (const [i, row] of rows.entries()) {
        expect(row).toHaveLength(6);
        expect(row[0]).toBe(since + i * MINUTE);
        const [, open, high, low, close, volume] = row as [number, number, number, number, number, number];
        expect(high).toBeGreaterThanOrEqual(Math.max(open, close, low));
        expect(low).toBeLessThanOrEqual(Math.min(open, close));
        expect(volume).toBeGreaterThanOrEqual(0);
      }
      const b = await post('/v1/fetchOHLCV', {
        exchange: 'sim',
        symbol: 'BTCUSDT',
        timeframe: '1m',
        since,
        limit: 100,
      }).expect(200);
      expect(b.body).toEqual(a.body);
    });

    it('without since: the latest `limit` candles, ending with the open one', async () => {
      const H = 3_600_000;
      const before = Math.floor(Date.now() / H) * H;
      const res = await post('/v1/fetchOHLCV', {
        exchange: 'sim',
        symbol: BTC,
        timeframe: '1h',
        limit: 3,
      }).expect(200);
      const after = Math.floor(Date.now() / H) * H;
      const rows = res.body as number[][];
      // The open hour when the request was served (the same unless an hour ended meanwhile).
      const open = rows[2]?.[0] ?? 0;
      expect([before, after]).toContain(open);
      expect(rows.map((r) => r[0])).toEqual([open - 2 * H, open - H, open]);
    });

    it('defaults to 1m and 500 candles', async () => {
      const res = await post('/v1/fetchOHLCV', { exchange: 'sim', symbol: BTC }).expect(200);
      const rows = res.body as number[][];
      expect(rows).toHaveLength(500);
      expect((rows[1]?.[0] ?? 0) - (rows[0]?.[0] ?? 0)).toBe(MINUTE);
    });

    it('refuses an unknown timeframe', async () => {
      await expectError('/v1/fetchOHLCV', { exchange: 'sim', symbol: BTC, timeframe: '7m' }, 'BAD_TIMEFRAME');
      await expectError(
        '/v1/fetchOHLCV',
        { exchange: 'sim', symbol: BTC, timeframe: 'hourly' },
        'BAD_TIMEFRAME',
      );
      await expectError('/v1/fetchOHLCV', { exchange: 'sim', symbol: BTC, timeframe: 60 }, 'BAD_TIMEFRAME');
    });
  });

  describe('validation, the same on every operation', () => {
    const operations = ['/v1/fetchOHLCV', '/v1/fetchTrades', '/v1/fetchOrderBook'];

    it.each(operations)('%s: unknown exchange -> UNKNOWN_EXCHANGE', async (path) => {
      const error = await expectError(path, { exchange: 'nowhere', symbol: BTC }, 'UNKNOWN_EXCHANGE');
      expect(error.error.details.configured).toEqual(['sim']);
    });

    it.each(operations)('%s: unknown or malformed symbol -> BAD_SYMBOL', async (path) => {
      await expectError(path, { exchange: 'sim', symbol: 'NOPE/USDT:USDT' }, 'BAD_SYMBOL');
      await expectError(path, { exchange: 'sim', symbol: 'BTC USDT' }, 'BAD_SYMBOL');
      await expectError(path, { exchange: 'sim', symbol: 42 }, 'BAD_SYMBOL');
    });

    it.each(operations)('%s: bad limit -> BAD_LIMIT', async (path) => {
      for (const limit of [0, -5, 1.5, '10', 100_000]) {
        await expectError(path, { exchange: 'sim', symbol: BTC, limit }, 'BAD_LIMIT');
      }
    });

    it.each(['/v1/fetchOHLCV', '/v1/fetchTrades'])('%s: bad since -> BAD_SINCE', async (path) => {
      for (const since of [-1, 1.5, '1700000000000', Date.now() + 3_600_000]) {
        await expectError(path, { exchange: 'sim', symbol: BTC, since }, 'BAD_SINCE');
      }
    });

    it.each(operations)('%s: missing fields and unknown fields -> VALIDATION_FAILED', async (path) => {
      await expectError(path, { symbol: BTC }, 'VALIDATION_FAILED');
      await expectError(path, { exchange: 'sim' }, 'VALIDATION_FAILED');
      await expectError(path, { exchange: 'sim', symbol: BTC, extra: 1 }, 'VALIDATION_FAILED');
      await expectError(path, { exchange: 'sim', symbol: BTC, params: 'x' }, 'VALIDATION_FAILED');
      await expectError(path, { exchange: 'sim', symbol: BTC, params: [1] }, 'VALIDATION_FAILED');
      await expectError(path, { exchange: 42, symbol: BTC }, 'VALIDATION_FAILED');
    });

    it.each(operations)('%s: a body that is not an object -> 400, never a 500', async (path) => {
      const asArray = await running.as(viewerKey).post(path).send([BTC]).expect(400);
      expect((asArray.body as ErrorBody).error.code).toBe('VALIDATION_FAILED');
      for (const raw of ['"BTCUSDT"', 'null', '42', '{"exchange":']) {
        const res = await running
          .as(viewerKey)
          .post(path)
          .set('content-type', 'application/json')
          .send(raw)
          .expect(400);
        expect(typeof (res.body as ErrorBody).error.code).toBe('string');
      }
    });
  });

  describe('fetchTrades', () => {
    it('answers ccxt trades from since, ascending, at most limit', async () => {
      const since = Date.now() - 30 * MINUTE;
      const res = await post('/v1/fetchTrades', {
        exchange: 'sim',
        symbol: 'BTCUSDT',
        since,
        limit: 50,
        params: {},
      }).expect(200);
      const trades = res.body as {
        id: string;
        timestamp: number;
        symbol: string;
        side: string;
        price: number;
        amount: number;
        cost: number;
        datetime: string;
      }[];
      expect(trades).toHaveLength(50);
      for (const t of trades) {
        expect(t.symbol).toBe(BTC);
        expect(t.timestamp).toBeGreaterThanOrEqual(since);
        expect(['buy', 'sell']).toContain(t.side);
        expect(new Date(t.datetime).getTime()).toBe(t.timestamp);
        expect(typeof t.price).toBe('number');
      }
      const times = trades.map((t) => t.timestamp);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });
  });

  describe('fetchTrades from the recent-trades ring', () => {
    it('serves a window the ring covers from the ring, an older one from the venue', async () => {
      // What the realtime topic would record from its upstream stream: ids the sim never uses.
      const start = Date.now() - 60_000;
      const recorded: Trade[] = Array.from({ length: 20 }, (_, i) => ({
        id: `ring-${i}`,
        timestamp: start + i * 1000,
        datetime: new Date(start + i * 1000).toISOString(),
        symbol: 'SOL/USDT:USDT',
        side: 'buy',
        price: 150 + i / 100,
        amount: 1,
        cost: 150 + i / 100,
      }));
      const ring = running.app.get(RecentTradesRing);
      // A shared Redis ring may hold this topic from another run: start from a gap.
      await ring.markGap('sim', 'SOL/USDT:USDT');
      await ring.record('sim', 'SOL/USDT:USDT', recorded);

      const fromRing = await post('/v1/fetchTrades', {
        exchange: 'sim',
        symbol: 'SOLUSDT',
        since: start + 5000,
        limit: 3,
      }).expect(200);
      expect(fromRing.body).toEqual(recorded.slice(5, 8));
      const latest = await post('/v1/fetchTrades', { exchange: 'sim', symbol: 'SOLUSDT', limit: 2 }).expect(
        200,
      );
      expect((latest.body as Trade[]).map((t) => t.id)).toEqual(['ring-18', 'ring-19']);

      // Before the ring's continuous run (and more than it holds): the venue answers.
      const older = await post('/v1/fetchTrades', {
        exchange: 'sim',
        symbol: 'SOLUSDT',
        since: start - 600_000,
        limit: 5,
      }).expect(200);
      expect((older.body as Trade[]).some((t) => t.id.startsWith('ring-'))).toBe(false);
      expect(older.body).toHaveLength(5);
      const many = await post('/v1/fetchTrades', { exchange: 'sim', symbol: 'SOLUSDT', limit: 100 }).expect(
        200,
      );
      expect((many.body as Trade[]).some((t) => t.id.startsWith('ring-'))).toBe(false);
    });
  });

  describe('fetchOrderBook', () => {
    it('answers a ccxt book, best levels first, capped by limit', async () => {
      const res = await post('/v1/fetchOrderBook', { exchange: 'sim', symbol: 'ETHUSDT', limit: 5 }).expect(
        200,
      );
      const book = res.body as {
        symbol: string;
        bids: number[][];
        asks: number[][];
        timestamp: number;
        nonce: number | null;
      };
      expect(book.symbol).toBe('ETH/USDT:USDT');
      expect(book.bids).toHaveLength(5);
      expect(book.asks).toHaveLength(5);
      const bidPrices = book.bids.map((l) => l[0] as number);
      const askPrices = book.asks.map((l) => l[0] as number);
      expect([...bidPrices].sort((a, b) => b - a)).toEqual(bidPrices);
      expect([...askPrices].sort((a, b) => a - b)).toEqual(askPrices);
      expect(bidPrices[0]).toBeLessThan(askPrices[0] as number);
    });
  });

  describe('GET /v1/markets', () => {
    it("lists the exchange's markets in ccxt form with native ids", async () => {
      const res = await running.as(viewerKey).get('/v1/markets?exchange=sim').expect(200);
      const markets = res.body as { symbol: string; id: string; tickSize: string }[];
      expect(markets.find((m) => m.symbol === BTC)).toMatchObject({ id: 'BTCUSDT', tickSize: '0.1' });
    });

    it('refuses a missing or unknown exchange', async () => {
      const missing = await running.as(viewerKey).get('/v1/markets').expect(400);
      expect((missing.body as ErrorBody).error.code).toBe('VALIDATION_FAILED');
      const unknown = await running.as(viewerKey).get('/v1/markets?exchange=nowhere').expect(400);
      expect((unknown.body as ErrorBody).error.code).toBe('UNKNOWN_EXCHANGE');
    });
  });

  describe('access', () => {
    it('needs a key; viewers read but do not start warmups', async () => {
      await running.as(null).post('/v1/fetchOHLCV').send({ exchange: 'sim', symbol: BTC }).expect(401);
      await running.as(null).get('/v1/markets?exchange=sim').expect(401);
      const refused = await post('/v1/warmups', {
        exchange: 'sim',
        symbols: [BTC],
        timeframes: ['1d'],
        candles: 5,
      }).expect(403);
      expect((refused.body as ErrorBody).error.code).toBe('FORBIDDEN');
      for (const path of ['/v1/fetchOHLCV', '/v1/fetchTrades', '/v1/fetchOrderBook', '/v1/markets']) {
        const op = running.openApi.paths[path] as Record<string, Record<string, unknown>>;
        const operation = op.post ?? op.get;
        expect(operation?.['x-roles']).toEqual(['admin', 'trader', 'viewer', 'auditor']);
      }
    });

    it('documents the response schemas', () => {
      const ohlcv = running.openApi.paths['/v1/fetchOHLCV']?.post?.responses['200'] as {
        content: Record<string, { schema: { type: string } }>;
      };
      expect(ohlcv.content['application/json']?.schema.type).toBe('array');
      const trades = running.openApi.paths['/v1/fetchTrades']?.post?.responses['200'] as {
        content: Record<string, { schema: { items: { $ref: string } } }>;
      };
      expect(trades.content['application/json']?.schema.items.$ref).toContain('TradeDto');
    });
  });
});
