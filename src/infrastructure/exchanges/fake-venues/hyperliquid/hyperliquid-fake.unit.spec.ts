import type { Exchange } from 'ccxt';
import { WebSocket } from 'ws';
import ccxt from 'ccxt';
import { waitFor } from '../shared/wait-for';
import { HyperliquidFakeServer } from './hyperliquid-fake.server';
import { hyperliquidUrlOverrides } from './hyperliquid-url-overrides';

const SYMBOL = 'BTC/USDC:USDC';
const USER = '0x00000000000000000000000000000000000000aa';

describe('Hyperliquid fake venue driven by ccxt', () => {
  let fake: HyperliquidFakeServer;
  let exchange: Exchange;
  let urls: { restUrl: string; wsUrl: string };

  beforeEach(async () => {
    fake = new HyperliquidFakeServer();
    urls = await fake.start();
    exchange = new ccxt.pro.hyperliquid({
      urls: { api: hyperliquidUrlOverrides(urls.restUrl, urls.wsUrl) },
      options: { fetchMarkets: { types: ['swap'] } },
      walletAddress: USER,
      enableRateLimit: false,
    });
    await exchange.loadHttpProxyAgent();
  });

  afterEach(async () => {
    await exchange.close();
    await fake.stop();
  });

  it('loads perp markets with one metaAndAssetCtxs call (plus spotMeta for currencies)', async () => {
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDC:USDC', 'ETH/USDC:USDC']);
    expect(markets[SYMBOL]).toMatchObject({ swap: true, baseName: 'BTC', precision: { amount: 0.001 } });
    expect(fake.faults.requests.map((r) => r.endpoint).sort()).toEqual([
      '/info#metaAndAssetCtxs',
      '/info#spotMeta',
    ]);
  });

  it('fetches candles, order book, ticker and user fills', async () => {
    const since = fake.data.startTime + 120 * 60_000;
    const candles = await exchange.fetchOHLCV(SYMBOL, '1m', since, 3);
    expect(candles.map((c) => c[0])).toEqual([since, since + 60_000, since + 120_000]);
    expect(candles[0]?.[4]).toBe(Number(fake.data.candles('BTC')[120]?.close));

    const book = await exchange.fetchOrderBook(SYMBOL);
    const bids = book.bids.map((l) => Number(l[0]));
    const asks = book.asks.map((l) => Number(l[0]));
    expect(bids).toEqual([...bids].sort((a, b) => b - a));
    expect(asks).toEqual([...asks].sort((a, b) => a - b));
    expect(asks[0]).toBeGreaterThan(bids[0] ?? Infinity);

    const ticker = await exchange.fetchTicker(SYMBOL);
    expect(ticker.last).toBe(Number(fake.data.lastPrice('BTC')));

    fake.addUserFill(USER, { coin: 'BTC', px: '43000.0', sz: '0.010', side: 'A' });
    const fills = await exchange.fetchMyTrades(SYMBOL);
    expect(fills).toEqual([expect.objectContaining({ price: 43000, amount: 0.01, side: 'sell' })]);
  });

  it('answers 429 for the next N calls and puts a malformed candle in the next snapshot', async () => {
    await exchange.loadMarkets();
    fake.faults.rateLimitNext(1);
    await expect(exchange.fetchOrderBook(SYMBOL)).rejects.toThrow(ccxt.RateLimitExceeded);
    await expect(exchange.fetchOrderBook(SYMBOL)).resolves.toMatchObject({ symbol: SYMBOL });
    expect(fake.faults.count('/info#l2Book')).toBe(2);
    fake.faults.malformNext('klines');
    const bad = await exchange.fetchOHLCV(SYMBOL, '1m', undefined, 2);
    expect(bad.some((row) => row[1] === undefined)).toBe(true);
  });

  it('streams trades, full l2Book snapshots and candles', async () => {
    await exchange.loadMarkets();
    const tradesPromise = exchange.watchTrades(SYMBOL);
    await waitFor(() => fake.subscribedTopics.includes('trades:BTC'));
    fake.data.pushTrade('BTC', { price: '43500.0', qty: '0.005', side: 'sell' });
    expect((await tradesPromise).at(-1)).toMatchObject({ price: 43500, amount: 0.005, side: 'sell' });

    const snapshot = await exchange.watchOrderBook(SYMBOL);
    const bestBid = fake.data.book('BTC').bids[0]?.[0] ?? '';
    expect(snapshot.bids[0]?.[0]).toBe(Number(bestBid));
    const next = exchange.watchOrderBook(SYMBOL);
    fake.data.updateBook('BTC', { bids: [[bestBid, '0']] });
    expect((await next).bids.map((l) => l[0])).not.toContain(Number(bestBid));

    const ohlcvPromise = exchange.watchOHLCV(SYMBOL, '1m');
    await waitFor(() => fake.subscribedTopics.includes('candle:BTC:1m'));
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
    expect((await ohlcvPromise).at(-1)).toEqual([openTime, 1, 3, 0.5, 2, 4]);
  });

  it('replays userFills as an isSnapshot message, then pushes new fills', async () => {
    fake.addUserFill(USER, { coin: 'BTC', px: '42000.0', sz: '0.020', side: 'B' });
    const socket = new WebSocket(urls.wsUrl);
    const messages: Array<{ channel?: string; data?: unknown }> = [];
    socket.on('message', (raw: Buffer) =>
      messages.push(JSON.parse(raw.toString()) as (typeof messages)[number]),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ method: 'ping' }));
    socket.send(JSON.stringify({ method: 'subscribe', subscription: { type: 'userFills', user: USER } }));
    await waitFor(() => messages.length >= 3);
    expect(messages[0]).toEqual({ channel: 'pong' });
    expect(messages[1]).toMatchObject({ channel: 'subscriptionResponse', data: { method: 'subscribe' } });
    expect(messages[2]).toMatchObject({
      channel: 'userFills',
      data: { isSnapshot: true, fills: [{ px: '42000.0' }] },
    });
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));

    // ccxt hands the replayed snapshot on as trades: adapters must skip it themselves (VENUES.md).
    await exchange.loadMarkets();
    const replayed = await exchange.watchMyTrades(SYMBOL);
    expect(replayed.at(-1)).toMatchObject({ price: 42000, amount: 0.02, side: 'buy' });
    const pending = exchange.watchMyTrades(SYMBOL);
    fake.addUserFill(USER, { coin: 'BTC', px: '43000.0', sz: '0.010', side: 'A' });
    const mine = await pending;
    expect(mine.at(-1)).toMatchObject({ price: 43000, amount: 0.01, side: 'sell' });
  });

  it('drops every websocket connection on demand and lets ccxt reconnect', async () => {
    await exchange.loadMarkets();
    const pending = exchange.watchTrades(SYMBOL);
    await waitFor(() => fake.subscribedTopics.includes('trades:BTC'));
    fake.faults.dropAllConnections();
    await expect(pending).rejects.toThrow(ccxt.NetworkError);
    const again = exchange.watchTrades(SYMBOL);
    await waitFor(() => fake.subscribedTopics.includes('trades:BTC'));
    fake.data.pushTrade('BTC', { price: '43600.0', qty: '0.001', side: 'buy' });
    await expect(again).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ price: 43600 })]));
  });
});
