import type { Exchange } from 'ccxt';
import ccxt from 'ccxt';
import { WebSocket } from 'ws';
import { waitFor } from '../shared/wait-for';
import { CoinbaseFakeServer } from './coinbase-fake.server';

interface Envelope {
  channel?: string;
  type?: string;
  sequence_num?: number;
  timestamp?: string;
  events?: Array<Record<string, unknown>>;
}

/** A raw client: what a Coinbase Advanced Trade websocket user sees on the wire. */
async function rawClient(wsUrl: string): Promise<{ socket: WebSocket; messages: Envelope[] }> {
  const socket = new WebSocket(wsUrl);
  const messages: Envelope[] = [];
  socket.on('message', (raw: Buffer) => messages.push(JSON.parse(raw.toString()) as Envelope));
  await new Promise((resolve) => socket.once('open', resolve));
  return { socket, messages };
}

describe('Coinbase fake venue websocket', () => {
  let fake: CoinbaseFakeServer;
  let urls: { restUrl: string; wsUrl: string };
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    fake = new CoinbaseFakeServer();
    urls = await fake.start();
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await fake.stop();
  });

  it('answers level2 with an l2_data snapshot, then updates, each (un)subscribe with subscriptions', async () => {
    const { socket, messages } = await rawClient(urls.wsUrl);
    sockets.push(socket);
    socket.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USD'], channel: 'level2' }));
    await waitFor(() => messages.length >= 2);
    const [snapshot, subscribed] = messages;
    expect(snapshot).toMatchObject({ channel: 'l2_data', sequence_num: 0 });
    expect(snapshot?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    const event = snapshot?.events?.[0];
    expect(event).toMatchObject({ type: 'snapshot', product_id: 'BTC-USD' });
    const book = fake.data.book('BTC');
    expect(event?.updates).toContainEqual({
      side: 'bid',
      event_time: '1970-01-01T00:00:00Z',
      price_level: book.bids[0]?.[0],
      new_quantity: book.bids[0]?.[1],
    });
    expect(event?.updates).toContainEqual(
      expect.objectContaining({ side: 'offer', price_level: book.asks[0]?.[0] }),
    );
    expect(subscribed).toEqual({
      channel: 'subscriptions',
      timestamp: expect.any(String),
      sequence_num: 1,
      events: [{ subscriptions: { level2: ['BTC-USD'] } }],
    });

    const bestBid = book.bids[0]?.[0] ?? '';
    fake.data.updateBook('BTC', { bids: [[bestBid, '0']] });
    await waitFor(() => messages.length >= 3);
    expect(messages[2]).toMatchObject({
      channel: 'l2_data',
      sequence_num: 2,
      events: [
        {
          type: 'update',
          product_id: 'BTC-USD',
          updates: [{ side: 'bid', price_level: bestBid, new_quantity: '0' }],
        },
      ],
    });

    socket.send(JSON.stringify({ type: 'unsubscribe', product_ids: ['BTC-USD'], channel: 'level2' }));
    await waitFor(() => messages.length >= 4);
    expect(messages[3]).toMatchObject({ channel: 'subscriptions', events: [{ subscriptions: {} }] });
  });

  it('loses one l2_data update on a gap: its sequence_num is skipped', async () => {
    const { socket, messages } = await rawClient(urls.wsUrl);
    sockets.push(socket);
    socket.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USD'], channel: 'level2' }));
    await waitFor(() => messages.length >= 2);
    fake.faults.gapNextBookDiff();
    fake.data.updateBook('BTC', { bids: [['41000.0', '1.000']] });
    fake.data.updateBook('BTC', { bids: [['41000.5', '2.000']] });
    await waitFor(() => messages.length >= 3);
    expect(messages.map((m) => m.sequence_num)).toEqual([0, 1, 3]);
    expect(messages[2]?.events?.[0]?.updates).toEqual([
      expect.objectContaining({ price_level: '41000.5', new_quantity: '2.000' }),
    ]);
  });

  it('sends market_trades newest first and a ticker on every trade; refuses unknown channels and products', async () => {
    const { socket, messages } = await rawClient(urls.wsUrl);
    sockets.push(socket);
    socket.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USD'], channel: 'market_trades' }));
    socket.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USD'], channel: 'ticker' }));
    socket.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USD'], channel: 'candles' }));
    socket.send(JSON.stringify({ type: 'subscribe', product_ids: ['DOGE-USD'], channel: 'ticker' }));
    await waitFor(() => messages.length >= 6);
    const trades = messages[0]?.events?.[0]?.trades as Array<{ trade_id: string; time: string }>;
    expect(messages[0]).toMatchObject({ channel: 'market_trades', events: [{ type: 'snapshot' }] });
    expect(trades).toHaveLength(50);
    expect(trades[0]?.trade_id).toBe(String(fake.data.trades('BTC').at(-1)?.id));
    expect(Date.parse(trades[0]?.time ?? '')).toBeGreaterThan(Date.parse(trades[1]?.time ?? ''));
    expect(messages[2]).toMatchObject({
      channel: 'ticker',
      events: [{ type: 'snapshot', tickers: [{ type: 'ticker', product_id: 'BTC-USD' }] }],
    });
    expect(messages[4]).toEqual({ type: 'error', message: 'channel candles is not served by this fake' });
    expect(messages[5]).toEqual({ type: 'error', message: 'ProductID is invalid' });

    const pushed = fake.data.pushTrade('BTC', { price: '42123.4', qty: '0.015', side: 'sell' });
    await waitFor(() => messages.length >= 8);
    expect(messages[6]).toMatchObject({
      channel: 'market_trades',
      events: [
        {
          type: 'update',
          trades: [
            {
              trade_id: String(pushed.id),
              product_id: 'BTC-USD',
              price: '42123.4',
              size: '0.015',
              side: 'SELL',
            },
          ],
        },
      ],
    });
    expect(messages[7]).toMatchObject({
      channel: 'ticker',
      events: [{ type: 'update', tickers: [{ product_id: 'BTC-USD', price: '42123.4' }] }],
    });
  });

  it('sends heartbeats every second with a rising counter', async () => {
    const { socket, messages } = await rawClient(urls.wsUrl);
    sockets.push(socket);
    socket.send(JSON.stringify({ type: 'subscribe', channel: 'heartbeats' }));
    await waitFor(() => messages.filter((m) => m.channel === 'heartbeats').length >= 2, 5_000);
    const counters = messages
      .filter((m) => m.channel === 'heartbeats')
      .map((m) => m.events?.[0]?.heartbeat_counter);
    expect(counters.slice(0, 2)).toEqual([1, 2]);
    expect(fake.subscribedTopics).toEqual(['heartbeats']);
  });

  describe('driven by ccxt.pro', () => {
    let exchange: Exchange;

    beforeEach(async () => {
      exchange = new ccxt.pro.coinbase({
        urls: { api: { rest: urls.restUrl, ws: urls.wsUrl } },
        has: { fetchCurrencies: false },
        enableRateLimit: false,
      });
      await exchange.loadHttpProxyAgent();
    });

    afterEach(async () => {
      await exchange.close();
    });

    it('parses trades, the book and the ticker, and unwatches a lone subscription', async () => {
      await exchange.loadMarkets();
      expect((await exchange.watchTrades('BTC/USD')).length).toBeGreaterThan(0);
      const next = exchange.watchTrades('BTC/USD');
      fake.data.pushTrade('BTC', { price: '42100.0', qty: '0.020', side: 'buy' });
      expect((await next).at(-1)).toMatchObject({
        price: 42100,
        amount: 0.02,
        side: 'buy',
        symbol: 'BTC/USD',
      });
      await exchange.unWatchTrades('BTC/USD');
      expect(fake.subscribedTopics).toEqual([]);

      const book = await exchange.watchOrderBook('BTC/USD');
      expect(book.bids[0]?.[0]).toBe(Number(fake.data.book('BTC').bids[0]?.[0]));
      expect(book.asks[0]?.[0]).toBe(Number(fake.data.book('BTC').asks[0]?.[0]));
      await exchange.unWatchOrderBook('BTC/USD');

      const ticker = await exchange.watchTicker('BTC/USD');
      expect(ticker).toMatchObject({ symbol: 'BTC/USD', last: 42100 });
      expect(ticker.bid).toBeLessThan(ticker.ask ?? 0);
    });

    // The venue answers an unsubscribe with what the connection still holds; ccxt settles the
    // unwatch only when that list is empty (handleSubscriptionStatus), and refuses a second
    // unwatch meanwhile. So with two channels open, stopping one stream does not settle.
    it('keeps an unwatch pending while the connection holds other subscriptions (ccxt quirk)', async () => {
      await exchange.watchTrades('BTC/USD');
      await exchange.watchTicker('BTC/USD');
      let settled = false;
      const unwatch = exchange.unWatchTrades('BTC/USD').then(
        () => (settled = true),
        () => (settled = true),
      );
      await waitFor(() => !fake.subscribedTopics.includes('market_trades:BTC-USD'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await exchange.close(); // rejects the pending unwatch
      await unwatch;
    });
  });
});
