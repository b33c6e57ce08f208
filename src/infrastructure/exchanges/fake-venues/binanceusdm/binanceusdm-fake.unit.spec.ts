import type { Exchange } from 'ccxt';
import ccxt from 'ccxt';
import { waitFor } from '../shared/wait-for';
import { BinanceUsdmFakeServer } from './binanceusdm-fake.server';
import { binanceUsdmUrlOverrides } from './binanceusdm-url-overrides';

const SYMBOL = 'BTC/USDT:USDT';

describe('Binance USDⓈ-M fake venue driven by ccxt', () => {
  let fake: BinanceUsdmFakeServer;
  let exchange: Exchange;

  beforeEach(async () => {
    fake = new BinanceUsdmFakeServer();
    const { restUrl, wsUrl } = await fake.start();
    exchange = new ccxt.pro.binanceusdm({
      urls: { api: binanceUsdmUrlOverrides(restUrl, wsUrl) },
      has: { fetchCurrencies: false },
      apiKey: 'fake-key',
      secret: 'fake-secret',
      enableRateLimit: false,
    });
    await exchange.loadHttpProxyAgent();
  });

  afterEach(async () => {
    await exchange.close();
    await fake.stop();
  });

  it('loads markets from exchangeInfo only', async () => {
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    expect(markets[SYMBOL]?.precision.price).toBe(0.1);
    expect(fake.faults.count('/fapi/v1/exchangeInfo')).toBe(1);
    expect(fake.faults.requests.map((r) => r.endpoint)).toEqual(['/fapi/v1/exchangeInfo']);
  });

  it('fetches OHLCV honouring since and limit, oldest first', async () => {
    const since = fake.data.startTime + 10 * 60_000;
    const candles = await exchange.fetchOHLCV(SYMBOL, '1m', since, 5);
    expect(candles.map((c) => c[0])).toEqual([0, 1, 2, 3, 4].map((i) => since + i * 60_000));
    const first = fake.data.candles('BTC')[10];
    expect(candles[0]?.[4]).toBe(Number(first?.close));
    const hourly = await exchange.fetchOHLCV(SYMBOL, '1h', undefined, 3);
    expect(hourly).toHaveLength(3);
    expect((hourly[1]?.[0] ?? 0) - (hourly[0]?.[0] ?? 0)).toBe(3_600_000);
  });

  it('rejects a kline limit above 1500 as Binance does (ccxt clamps, so ask raw)', async () => {
    const base = String(exchange.urls.api.fapiPublic);
    const tooMany = await fetch(`${base}/klines?symbol=BTCUSDT&interval=1m&limit=1501`);
    expect(tooMany.status).toBe(400);
    await expect(tooMany.json()).resolves.toMatchObject({ code: -1130 });
    const byDefault = (await (
      await fetch(`${base}/klines?symbol=BTCUSDT&interval=1m`)
    ).json()) as unknown[][];
    expect(byDefault).toHaveLength(500);
    expect(byDefault[0]).toHaveLength(12);
    const end = fake.data.startTime + 99 * 60_000;
    const upToEnd = (await (
      await fetch(`${base}/klines?symbol=BTCUSDT&interval=1m&endTime=${end}&limit=3`)
    ).json()) as unknown[][];
    expect(upToEnd.map((row) => row[0])).toEqual([end - 120_000, end - 60_000, end]);
  });

  it('fetches trades, order book, ticker, funding and open interest', async () => {
    const trades = await exchange.fetchTrades(SYMBOL, undefined, 10);
    expect(trades).toHaveLength(10);
    expect(trades.at(-1)?.price).toBe(Number(fake.data.trades('BTC').at(-1)?.price));
    expect(fake.faults.count('/fapi/v1/aggTrades')).toBe(1);

    const book = await exchange.fetchOrderBook(SYMBOL, 5);
    expect(book.bids).toHaveLength(5);
    const bidPrices = book.bids.map((level) => Number(level[0]));
    const askPrices = book.asks.map((level) => Number(level[0]));
    expect(bidPrices).toEqual([...bidPrices].sort((a, b) => b - a));
    expect(askPrices).toEqual([...askPrices].sort((a, b) => a - b));
    expect(book.nonce).toBe(fake.data.book('BTC').updateId);

    const ticker = await exchange.fetchTicker(SYMBOL);
    expect(ticker.last).toBe(Number(fake.data.lastPrice('BTC')));
    const funding = await exchange.fetchFundingRate(SYMBOL);
    expect(funding.fundingRate).toBe(0.0001);
    const openInterest = await exchange.fetchOpenInterest(SYMBOL);
    expect(openInterest.openInterestAmount).toBe(10659.509);
  });

  it('answers 429 with Retry-After for the next N calls, then recovers', async () => {
    await exchange.loadMarkets();
    fake.faults.rateLimitNext(2);
    await expect(exchange.fetchTicker(SYMBOL)).rejects.toThrow(ccxt.DDoSProtection);
    await expect(exchange.fetchTicker(SYMBOL)).rejects.toThrow(ccxt.DDoSProtection);
    await expect(exchange.fetchTicker(SYMBOL)).resolves.toMatchObject({ symbol: SYMBOL });
    expect(fake.faults.count('/fapi/v1/ticker/24hr')).toBe(3);
    const raw = await fetch(`${exchange.urls.api.fapiPublic}/ping`);
    expect(raw.status).toBe(200);
    fake.faults.rateLimitNext(1);
    const limited = await fetch(`${exchange.urls.api.fapiPublic}/ping`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    await expect(limited.json()).resolves.toMatchObject({ code: -1003 });
  });

  it('adds a malformed row to the next kline response only', async () => {
    await exchange.loadMarkets();
    fake.faults.malformNext('klines');
    const bad = await exchange.fetchOHLCV(SYMBOL, '1m', undefined, 3);
    expect(bad.some((row) => row[1] === undefined)).toBe(true);
    const good = await exchange.fetchOHLCV(SYMBOL, '1m', undefined, 3);
    expect(good.every((row) => Number.isFinite(row[1]))).toBe(true);
  });

  it('delays answers when slowed down', async () => {
    await exchange.loadMarkets();
    fake.faults.slowDown(150);
    const started = Date.now();
    await exchange.fetchTicker(SYMBOL);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('streams trades and candles pushed by the test', async () => {
    await exchange.loadMarkets();
    const tradesPromise = exchange.watchTrades(SYMBOL);
    await waitFor(() => fake.subscribedStreams.includes('btcusdt@trade'));
    const pushed = fake.data.pushTrade('BTC', { price: '43000.5', qty: '0.250', side: 'buy' });
    const trades = await tradesPromise;
    expect(trades.at(-1)).toMatchObject({ id: String(pushed.id), price: 43000.5, amount: 0.25, side: 'buy' });

    const ohlcvPromise = exchange.watchOHLCV(SYMBOL, '1m');
    await waitFor(() => fake.subscribedStreams.includes('btcusdt@kline_1m'));
    const openTime = fake.data.now + 30_000;
    fake.data.pushCandle('BTC', candle(openTime, '43001.0'));
    const ohlcv = await ohlcvPromise;
    expect(ohlcv.at(-1)).toEqual([openTime, 43000, 43002, 42999, 43001, 1.5]);
  });

  it('keeps a local book from the REST snapshot and depth diffs', async () => {
    await exchange.loadMarkets();
    const snapshot = await exchange.watchOrderBook(SYMBOL);
    expect(fake.subscribedStreams).toContain('btcusdt@depth@100ms');
    expect(snapshot.nonce).toBe(fake.data.book('BTC').updateId);
    const bestBid = fake.data.book('BTC').bids[0]?.[0] ?? '';
    const next = exchange.watchOrderBook(SYMBOL);
    fake.data.updateBook('BTC', { bids: [[bestBid, '0']] });
    const book = await next;
    expect(book.bids[0]?.[0]).toBe(Number(fake.data.book('BTC').bids[0]?.[0]));
    expect(book.bids.map((level) => level[0])).not.toContain(Number(bestBid));
    expect(book.nonce).toBe(fake.data.book('BTC').updateId);
  });

  it('makes ccxt detect a sequence gap in the depth diffs', async () => {
    await exchange.loadMarkets();
    const snapshot = await exchange.watchOrderBook(SYMBOL);
    expect(snapshot.nonce).toBe(fake.data.book('BTC').updateId);
    fake.faults.gapNextBookDiff();
    const next = exchange.watchOrderBook(SYMBOL);
    fake.data.updateBook('BTC', { asks: [['99998.0', '1.000']] });
    await expect(next).rejects.toThrow(ccxt.ChecksumError);
  });

  it('drops every websocket connection on demand and lets ccxt reconnect', async () => {
    await exchange.loadMarkets();
    const pending = exchange.watchTrades(SYMBOL);
    await waitFor(() => fake.subscribedStreams.includes('btcusdt@trade'));
    fake.faults.dropAllConnections();
    await expect(pending).rejects.toThrow(ccxt.NetworkError);
    const again = exchange.watchTrades(SYMBOL);
    await waitFor(() => fake.subscribedStreams.includes('btcusdt@trade'));
    fake.data.pushTrade('BTC', { price: '43010.0', qty: '0.001', side: 'sell' });
    await expect(again).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ price: 43010 })]));
  });

  it('places, lists and cancels an order with any signature', async () => {
    await exchange.loadMarkets();
    const order = await exchange.createOrder(SYMBOL, 'limit', 'buy', 0.01, 40000);
    expect(order).toMatchObject({ status: 'open', price: 40000, amount: 0.01 });
    const open = await exchange.fetchOpenOrders(SYMBOL);
    expect(open.map((o) => o.id)).toEqual([order.id]);
    const canceled = await exchange.cancelOrder(order.id ?? '', SYMBOL);
    expect(canceled.status).toBe('canceled');
    const balance = await exchange.fetchBalance();
    expect(balance.USDT).toMatchObject({ total: 10000, free: 10000 });
    await expect(exchange.fetchPositions([SYMBOL])).resolves.toEqual([]);
  });
});

function candle(openTime: number, close: string) {
  return {
    openTime,
    open: '43000.0',
    high: '43002.0',
    low: '42999.0',
    close,
    volume: '1.500',
    quoteVolume: '64501.5000',
    trades: 12,
    closed: false,
  };
}
