import { startApp, type RunningApp } from '../../support/app-harness';
import { connectError, connectProbe, waitFor, type StreamProbe } from './stream-client.harness';

describe('realtime gateway: handshake and subscription validation', () => {
  let running: RunningApp;
  let probe: StreamProbe;

  beforeAll(async () => {
    running = await startApp({
      env: {
        STREAM_MAX_TOPICS_PER_CONNECTION: '3',
        SOCKET_CONNECTIONS_PER_KEY: '3',
        STREAM_KEY_RECHECK_MS: '200',
      },
    });
    probe = await connectProbe(running);
  });
  afterAll(async () => {
    probe.close();
    await running.close();
  });

  it('refuses a missing, malformed or unknown key with a 401-like connect_error in the error shape', async () => {
    for (const key of [null, 'short', `tb_abcdefgh_${'x'.repeat(24)}`]) {
      const data = await connectError(running, key);
      expect(data.status).toBe(401);
      expect(data.error.code).toBe('UNAUTHENTICATED');
      expect(typeof data.error.message).toBe('string');
      expect(typeof data.requestId).toBe('string');
    }
  });

  it('admits a viewer key and limits the connections of one key', async () => {
    const created = await running
      .as()
      .post('/v1/api-keys')
      .send({ name: 'viewer', role: 'viewer' })
      .expect(201);
    const viewerKey = (created.body as { key: string }).key;
    const held = await Promise.all([1, 2, 3].map(() => connectProbe(running, viewerKey)));
    const refused = await connectError(running, viewerKey);
    expect(refused.status).toBe(429);
    expect(refused.error.code).toBe('TOO_MANY_CONNECTIONS');
    const ack = await held[0]?.subscribe(['ticker:sim:BTCUSDT']);
    expect(ack).toEqual({ accepted: ['ticker:sim:BTC/USDT:USDT'], errors: {} });
    held[0]?.close();
    // The slot is released on disconnect.
    const again = await waitForConnection(viewerKey);
    for (const p of [...held.slice(1), again]) p.close();
  });

  async function waitForConnection(key: string): Promise<StreamProbe> {
    let connected: StreamProbe | undefined;
    for (let attempt = 0; attempt < 50 && connected === undefined; attempt++) {
      connected = await connectProbe(running, key).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return undefined;
      });
    }
    if (connected === undefined) throw new Error('the released slot was not reusable');
    return connected;
  }

  it('cuts off a connected socket whose key is revoked', async () => {
    const created = await running
      .as()
      .post('/v1/api-keys')
      .send({ name: 'doomed', role: 'trader' })
      .expect(201);
    const { key, id } = created.body as { key: string; id: string };
    const doomed = await connectProbe(running, key);
    expect((await doomed.subscribe(['ticker:sim:BTCUSDT'])).accepted).toHaveLength(1);
    const disconnected = new Promise<string>((resolve) => doomed.socket.once('disconnect', resolve));
    await running.as().delete(`/v1/api-keys/${id}`).expect(204);
    expect(await disconnected).toBe('io server disconnect');
    const error = doomed.received.find((r) => r.event === 'stream_error')?.payload as unknown as {
      error: { code: string };
    };
    expect(error.error.code).toBe('UNAUTHENTICATED');
    expect((await connectError(running, key)).error.code).toBe('UNAUTHENTICATED');
  });

  it('answers a per-topic error for every bad topic and accepts the good ones', async () => {
    const ack = await probe.subscribe([
      'trades:sim:BTCUSDT',
      'candles:sim:BTCUSDT',
      'trades:kraken:BTCUSDT',
      'trades:sim:NOPEUSDT',
      'ohlcv:sim:BTCUSDT:7m',
      'ohlcv:sim',
      'trades:sim',
      'trades',
    ]);
    expect(ack.accepted).toEqual(['trades:sim:BTC/USDT:USDT']);
    const codes = Object.fromEntries(Object.entries(ack.errors).map(([topic, error]) => [topic, error.code]));
    expect(codes).toEqual({
      'candles:sim:BTCUSDT': 'UNKNOWN_TOPIC',
      'trades:kraken:BTCUSDT': 'UNKNOWN_EXCHANGE',
      'trades:sim:NOPEUSDT': 'BAD_SYMBOL',
      'ohlcv:sim:BTCUSDT:7m': 'BAD_TIMEFRAME',
      'ohlcv:sim': 'INVALID_TOPIC',
      'trades:sim': 'INVALID_TOPIC',
      trades: 'INVALID_TOPIC',
    });
    for (const error of Object.values(ack.errors)) expect(error.message.length).toBeGreaterThan(0);
    await probe.unsubscribe(['trades:sim:BTC/USDT:USDT']);
  });

  it('answers the error of a topic named like an Object.prototype property, in both requests', async () => {
    const subscribed = await probe.subscribe(['__proto__', 'constructor']);
    expect(subscribed.accepted).toEqual([]);
    expect(Object.keys(subscribed.errors).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(subscribed.errors, '__proto__')?.value).toMatchObject({
      code: 'UNKNOWN_TOPIC',
    });
    const unsubscribed = await probe.unsubscribe(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(unsubscribed.errors, '__proto__')?.value).toMatchObject({
      code: 'NOT_SUBSCRIBED',
    });
  });

  it('refuses topics past the per-connection limit, counting what the connection already holds', async () => {
    const first = await probe.subscribe(['ticker:sim:BTCUSDT', 'ticker:sim:ETHUSDT']);
    expect(first.accepted).toHaveLength(2);
    const second = await probe.subscribe([
      'ticker:sim:BTCUSDT',
      'orderbook:sim:BTCUSDT',
      'orderbook:sim:ETHUSDT',
    ]);
    // Re-subscribing a held topic is accepted and costs nothing; the fourth topic is refused.
    expect(second.accepted).toEqual(['ticker:sim:BTC/USDT:USDT', 'orderbook:sim:BTC/USDT:USDT']);
    expect(second.errors['orderbook:sim:ETHUSDT']?.code).toBe('TOO_MANY_TOPICS');
    const left = await probe.unsubscribe([
      'ticker:sim:BTCUSDT',
      'ticker:sim:ETH/USDT:USDT',
      'orderbook:sim:BTC/USDT:USDT',
    ]);
    expect(left).toEqual({
      accepted: ['ticker:sim:BTC/USDT:USDT', 'ticker:sim:ETH/USDT:USDT', 'orderbook:sim:BTC/USDT:USDT'],
      errors: {},
    });
    const notHeld = await probe.unsubscribe(['ticker:sim:BTCUSDT']);
    expect(notHeld.errors['ticker:sim:BTCUSDT']?.code).toBe('NOT_SUBSCRIBED');
  });

  it('holds the topic limit across concurrent requests of one connection', async () => {
    const racer = await connectProbe(running);
    const [first, second] = await Promise.all([
      racer.subscribe(['ticker:sim:BTCUSDT', 'ticker:sim:ETHUSDT']),
      racer.subscribe(['orderbook:sim:BTCUSDT', 'orderbook:sim:ETHUSDT']),
    ]);
    const accepted = [...(first?.accepted ?? []), ...(second?.accepted ?? [])];
    const refused = Object.values({ ...first?.errors, ...second?.errors }).map((e) => e.code);
    expect(accepted).toHaveLength(3);
    expect(refused).toEqual(['TOO_MANY_TOPICS']);
    racer.close();
  });

  it('answers VALIDATION_FAILED for a malformed request, with an ack or as a stream_error', async () => {
    const malformed: unknown[] = [
      undefined,
      'trades:sim:BTCUSDT',
      [],
      [1],
      ['x'.repeat(201)],
      Array(101).fill('a:b:c'),
    ];
    for (const topics of malformed) {
      const ack = await probe.subscribe(topics);
      expect(ack.accepted).toEqual([]);
      expect(ack.error?.code).toBe('VALIDATION_FAILED');
    }
    const bare = (await probe.socket.timeout(5_000).emitWithAck('subscribe', 'trades:sim:BTCUSDT')) as {
      error?: { code: string };
    };
    expect(bare.error?.code).toBe('VALIDATION_FAILED');
    probe.socket.emit('subscribe', 42);
    const error = await waitFor(() => probe.received.find((r) => r.event === 'stream_error'));
    expect((error.payload as unknown as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('serves the AsyncAPI document as JSON without a key', async () => {
    const res = await running.as(null).get('/asyncapi.json').expect(200);
    const doc = res.body as { asyncapi: string; channels: { stream: { address: string } } };
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.channels.stream.address).toBe('/v1/stream');
  });
});
