import type { Exchange } from 'ccxt';
import { WebSocket } from 'ws';
import ccxt from 'ccxt';
import { waitFor } from '../shared/wait-for';
import { BybitFakeServer } from './bybit-fake.server';
import { bybitUrlOverrides } from './bybit-url-overrides';

const SYMBOL = 'BTC/USDT:USDT';

describe('Bybit v5 linear fake venue driven by ccxt', () => {
  let fake: BybitFakeServer;
  let exchange: Exchange;
  let urls: { restUrl: string; wsUrl: string };

  beforeEach(async () => {
    fake = new BybitFakeServer();
    urls = await fake.start();
    exchange = new ccxt.pro.bybit({
      urls: { api: bybitUrlOverrides(urls.restUrl, urls.wsUrl) },
      options: { fetchMarkets: { types: ['linear'] } },
      enableRateLimit: false,
    });
    await exchange.loadHttpProxyAgent();
  });

  afterEach(async () => {
    await exchange.close();
    await fake.stop();
  });

  it('loads linear markets with two instruments-info calls', async () => {
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    expect(markets[SYMBOL]).toMatchObject({
      swap: true,
      linear: true,
      precision: { price: 0.1, amount: 0.001 },
    });
    expect(fake.faults.count('/v5/market/instruments-info')).toBe(2);
    expect(fake.faults.requests).toHaveLength(2);
  });

  it('returns OHLCV ascending although Bybit answers newest first', async () => {
    await exchange.loadMarkets();
    const raw = (await (
      await fetch(`${urls.restUrl}/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1&limit=3`)
    ).json()) as {
      result: { list: string[][] };
    };
    const rawTimes = raw.result.list.map((row) => Number(row[0]));
    expect(rawTimes).toEqual([...rawTimes].sort((a, b) => b - a));
    const since = fake.data.startTime + 60 * 60_000;
    const candles = await exchange.fetchOHLCV(SYMBOL, '1m', since, 4);
    expect(candles.map((c) => c[0])).toEqual([0, 1, 2, 3].map((i) => since + i * 60_000));
    expect(candles[0]?.[4]).toBe(Number(fake.data.candles('BTC')[60]?.close));
    const latest = await exchange.fetchOHLCV(SYMBOL, '1h', undefined, 2);
    expect((latest[1]?.[0] ?? 0) - (latest[0]?.[0] ?? 0)).toBe(3_600_000);
  });

  it('fetches trades, order book and ticker', async () => {
    const trades = await exchange.fetchTrades(SYMBOL, undefined, 5);
    expect(trades).toHaveLength(5);
    expect(trades.at(-1)?.price).toBe(Number(fake.data.trades('BTC').at(-1)?.price));
    const book = await exchange.fetchOrderBook(SYMBOL, 10);
    const bids = book.bids.map((l) => Number(l[0]));
    const asks = book.asks.map((l) => Number(l[0]));
    expect(bids).toEqual([...bids].sort((a, b) => b - a));
    expect(asks).toEqual([...asks].sort((a, b) => a - b));
    expect(bids).toHaveLength(10);
    const ticker = await exchange.fetchTicker(SYMBOL);
    expect(ticker.last).toBe(Number(fake.data.lastPrice('BTC')));
    expect(ticker.info).toMatchObject({ openInterest: '68744.761', fundingRate: '-0.000212' });
  });

  it('answers retCode 10006 when rate limited, which ccxt raises as RateLimitExceeded', async () => {
    await exchange.loadMarkets();
    fake.faults.rateLimitNext(1);
    await expect(exchange.fetchTicker(SYMBOL)).rejects.toThrow(ccxt.RateLimitExceeded);
    await expect(exchange.fetchTicker(SYMBOL)).resolves.toMatchObject({ symbol: SYMBOL });
    fake.faults.rateLimitNext(1);
    const limited = await fetch(`${urls.restUrl}/v5/market/tickers?category=linear`);
    expect(limited.headers.get('x-bapi-limit-status')).toBe('0');
    await expect(limited.json()).resolves.toMatchObject({ retCode: 10006, retMsg: 'Too many visits!' });
  });

  it('puts a malformed row in the next kline response only', async () => {
    await exchange.loadMarkets();
    fake.faults.malformNext('klines');
    const bad = await exchange.fetchOHLCV(SYMBOL, '1m', undefined, 3);
    expect(bad.some((row) => row[2] === undefined)).toBe(true);
    const good = await exchange.fetchOHLCV(SYMBOL, '1m', undefined, 3);
    expect(good.every((row) => Number.isFinite(row[2]))).toBe(true);
  });

  it('streams trades, candles and ticker deltas', async () => {
    await exchange.loadMarkets();
    const tradesPromise = exchange.watchTrades(SYMBOL);
    await waitFor(() => fake.subscribedTopics.includes('publicTrade.BTCUSDT'));
    fake.data.pushTrade('BTC', { price: '43100.0', qty: '0.010', side: 'sell' });
    const trades = await tradesPromise;
    expect(trades.at(-1)).toMatchObject({ price: 43100, amount: 0.01, side: 'sell' });

    const first = await exchange.watchTicker(SYMBOL);
    expect(first.info).toMatchObject({ openInterest: '68744.761' });
    const nextTicker = exchange.watchTicker(SYMBOL);
    fake.data.pushTrade('BTC', { price: '43200.0', qty: '0.010', side: 'buy' });
    const merged = await nextTicker;
    expect(merged.last).toBe(43200);
    expect(merged.info).toMatchObject({ openInterest: '68744.761', lastPrice: '43200.0' });

    const ohlcvPromise = exchange.watchOHLCV(SYMBOL, '1m');
    await waitFor(() => fake.subscribedTopics.includes('kline.1.BTCUSDT'));
    const openTime = fake.data.now + 30_000;
    fake.data.pushCandle('BTC', {
      openTime,
      open: '1.0',
      high: '3.0',
      low: '0.5',
      close: '2.0',
      volume: '4.000',
      quoteVolume: '8.0000',
      trades: 2,
      closed: false,
    });
    const ohlcv = await ohlcvPromise;
    expect(ohlcv.at(-1)).toEqual([openTime, 1, 3, 0.5, 2, 4]);
  });

  it('keeps the order book from a snapshot and deltas, where size 0 deletes', async () => {
    const snapshot = await exchange.watchOrderBook(SYMBOL, 50);
    expect(fake.subscribedTopics).toContain('orderbook.50.BTCUSDT');
    const bestAsk = fake.data.book('BTC').asks[0]?.[0] ?? '';
    expect(snapshot.asks[0]?.[0]).toBe(Number(bestAsk));
    const next = exchange.watchOrderBook(SYMBOL, 50);
    fake.data.updateBook('BTC', { asks: [[bestAsk, '0']] });
    const book = await next;
    expect(book.asks.map((l) => l[0])).not.toContain(Number(bestAsk));
  });

  it('skips a u in the next delta when a gap is armed, and restarts with u=1', async () => {
    const socket = new WebSocket(`${urls.wsUrl}/v5/public/linear`);
    const messages: Array<{ topic?: string; type?: string; data?: { u?: number } }> = [];
    socket.on('message', (raw: Buffer) =>
      messages.push(JSON.parse(raw.toString()) as (typeof messages)[number]),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ op: 'subscribe', req_id: '1', args: ['orderbook.50.BTCUSDT'] }));
    await waitFor(() => messages.some((m) => m.type === 'snapshot'));
    expect(messages[0]).toMatchObject({ success: true, op: 'subscribe', req_id: '1' });
    fake.data.updateBook('BTC', { bids: [['1.0', '1.000']] });
    fake.faults.gapNextBookDiff();
    fake.data.updateBook('BTC', { bids: [['1.1', '1.000']] });
    fake.restartBookStreams();
    await waitFor(() => messages.length >= 5);
    const us = messages.slice(1).map((m) => m.data?.u ?? 0);
    const [snapshotU = 0] = us;
    expect(us).toEqual([snapshotU, snapshotU + 1, snapshotU + 3, 1]);
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));
  });

  it('drops every websocket connection on demand and lets ccxt reconnect', async () => {
    await exchange.loadMarkets();
    const pending = exchange.watchTrades(SYMBOL);
    await waitFor(() => fake.subscribedTopics.includes('publicTrade.BTCUSDT'));
    fake.faults.dropAllConnections();
    await expect(pending).rejects.toThrow(ccxt.NetworkError);
    const again = exchange.watchTrades(SYMBOL);
    await waitFor(() => fake.subscribedTopics.includes('publicTrade.BTCUSDT'));
    fake.data.pushTrade('BTC', { price: '43300.0', qty: '0.002', side: 'buy' });
    await expect(again).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ price: 43300 })]));
  });
});
