import type { SimExchangeAdapter } from '../../../src/infrastructure/exchanges/sim/sim-exchange.adapter';
import { ExchangeRegistry } from '../../../src/modules/exchanges';
import { RecentTradesRing } from '../../../src/modules/market-data';
import { TopicManager } from '../../../src/modules/realtime';
import { startApp, type RunningApp } from '../../support/app-harness';
import { connectProbe, metricValue, sequenceOf, waitFor, type StreamProbe } from './stream-client.harness';

// Long enough for a subscribe round trip on a loaded machine to land within it (the reuse test).
const GRACE_MS = 3_000;
const BOOK = 'orderbook:sim:BTC/USDT:USDT';

describe('realtime fanout on the sim venue', () => {
  let running: RunningApp;
  let manager: TopicManager;
  let sim: SimExchangeAdapter;

  beforeAll(async () => {
    running = await startApp({
      env: { STREAM_UPSTREAM_GRACE_MS: String(GRACE_MS), SOCKET_CONNECTIONS_PER_KEY: '200' },
    });
    manager = running.app.get(TopicManager);
    sim = running.app.get(ExchangeRegistry).get('sim') as SimExchangeAdapter;
  });
  afterAll(async () => {
    await running.close();
  });

  const metrics = async (): Promise<string> => (await running.as().get('/metrics').expect(200)).text;

  it('50 clients on one topic share one upstream, which closes after the grace once all left', async () => {
    const probes: StreamProbe[] = await Promise.all(Array.from({ length: 50 }, () => connectProbe(running)));
    // Native and ccxt forms name the same topic.
    const acks = await Promise.all(
      probes.map((p, i) => p.subscribe([i % 2 === 0 ? 'orderbook:sim:BTCUSDT' : BOOK])),
    );
    for (const ack of acks) expect(ack).toEqual({ accepted: [BOOK], errors: {} });

    await waitFor(
      () => probes.every((p) => sequenceOf(p, BOOK).length >= 3),
      10_000,
      'three book messages each',
    );
    expect(manager.activeTopics()).toEqual([BOOK]);
    expect(manager.subscriberCount(BOOK)).toBe(50);
    expect(sim.openStreams).toBe(1);
    const text = await metrics();
    expect(metricValue(text, 'tradebook_stream_upstreams', { kind: 'orderbook' })).toBe(1);
    expect(metricValue(text, 'tradebook_stream_subscribers', { kind: 'orderbook' })).toBe(50);
    expect(
      metricValue(text, 'tradebook_stream_messages_sent_total', { kind: 'orderbook' }),
    ).toBeGreaterThanOrEqual(150);

    for (const probe of probes) {
      // Snapshot first, then updates with increasing sequence numbers, nothing twice.
      const seqs = sequenceOf(probe, BOOK);
      expect(seqs[0]?.[0]).toBe('snapshot');
      expect(seqs.slice(1).every(([event]) => event === 'update')).toBe(true);
      const numbers = seqs.map(([, seq]) => seq);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(numbers.length);
    }

    // Taken before the closes, so the server sees the last subscriber leave after it: the upstream
    // may close no earlier than leftAt + GRACE_MS, however late this test notices either event.
    const leftAt = Date.now();
    for (const probe of probes) probe.close();
    // The topics are read in the same poll that sees the count reach 0. The server runs in this
    // process: the grace timer, set when the last subscriber left, cannot fire before a poll already due.
    const duringGrace = await waitFor(
      () => manager.subscriberCount(BOOK) === 0 && manager.activeTopics(),
      5_000,
      'all subscribers gone',
    );
    expect(duringGrace).toEqual([BOOK]); // still open during the grace period
    await waitFor(() => manager.activeTopics().length === 0, GRACE_MS + 5_000, 'the upstream to close');
    expect(Date.now() - leftAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    await waitFor(() => sim.openStreams === 0, 5_000, 'the venue stream to stop');
    expect(metricValue(await metrics(), 'tradebook_stream_upstreams', { kind: 'orderbook' })).toBe(0);
  });

  it('a subscriber who comes back within the grace reuses the upstream', async () => {
    const first = await connectProbe(running);
    const second = await connectProbe(running); // connected beforehand: only the subscribe races the grace
    await first.subscribe([BOOK]);
    await waitFor(() => sequenceOf(first, BOOK).length >= 2);
    first.close();
    await waitFor(
      () => manager.subscriberCount(BOOK) === 0 && manager.activeTopics().includes(BOOK),
      5_000,
      'the first subscriber gone, the upstream in its grace',
    );
    await second.subscribe([BOOK]); // lands within GRACE_MS of the server seeing the first one leave
    await waitFor(() => sequenceOf(second, BOOK).length >= 2);
    const firstSeqs = sequenceOf(first, BOOK).map(([, seq]) => seq);
    // The same upstream: its sequence continues instead of starting again.
    expect(sequenceOf(second, BOOK)[0]?.[1]).toBeGreaterThanOrEqual(Math.max(...firstSeqs));
    expect(sim.openStreams).toBe(1);
    second.close();
    await waitFor(() => manager.activeTopics().length === 0, GRACE_MS + 5_000, 'the upstream to close');
  });

  it('trades: a snapshot of recent trades, then every batch in sequence', async () => {
    const probe = await connectProbe(running);
    const ack = await probe.subscribe(['trades:sim:ETHUSDT']);
    const topic = 'trades:sim:ETH/USDT:USDT';
    expect(ack.accepted).toEqual([topic]);
    await waitFor(() => sequenceOf(probe, topic).length >= 5, 10_000, 'five trade messages');
    const seqs = sequenceOf(probe, topic);
    expect(seqs[0]?.[0]).toBe('snapshot');
    const snapshot = await waitFor(() => probe.received.find((r) => r.event === 'snapshot')?.payload);
    expect(Array.isArray(snapshot.data)).toBe(true);
    expect((snapshot.data as { symbol: string }[]).every((t) => t.symbol === 'ETH/USDT:USDT')).toBe(true);
    const updates = seqs.slice(1).map(([, seq]) => seq);
    expect(updates).toEqual(updates.map((_, i) => (updates[0] ?? 0) + i));
    expect(updates[0]).toBeGreaterThan(snapshot.seq);
    // The one trades upstream feeds the recent-trades ring with every batch it fans out.
    const ring = running.app.get(RecentTradesRing);
    const coverage = await ring.coverage('sim', 'ETH/USDT:USDT');
    const streamed = probe.received
      .filter((r) => r.event === 'update' && r.payload.topic === topic)
      .flatMap((r) => r.payload.data as { id: string; timestamp: number }[])
      .filter((t) => t.timestamp >= (coverage?.continuousSince ?? Infinity));
    const held = (await ring.read('sim', 'ETH/USDT:USDT')) ?? [];
    const heldIds = new Set(held.map((t) => t.id));
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.every((t) => heldIds.has(t.id))).toBe(true);
    probe.close();
    // Closing the upstream (after the grace) breaks continuity: the ring no longer claims coverage.
    await waitFor(
      () => !manager.activeTopics().includes(topic),
      GRACE_MS + 5_000,
      'the trades upstream to close',
    );
    await waitFor(async () => (await ring.coverage('sim', 'ETH/USDT:USDT')) === null, 5_000, 'the ring gap');
  });

  it('ticker carries open interest and funding; ohlcv starts with the current candle', async () => {
    const probe = await connectProbe(running);
    const ack = await probe.subscribe(['ticker:sim:BTCUSDT', 'ohlcv:sim:BTCUSDT:1m']);
    expect(ack).toEqual({ accepted: ['ticker:sim:BTC/USDT:USDT', 'ohlcv:sim:BTC/USDT:USDT:1m'], errors: {} });
    const ticker = await waitFor(() =>
      probe.received.find((r) => r.event === 'snapshot' && r.payload.topic === 'ticker:sim:BTC/USDT:USDT'),
    );
    const data = ticker.payload.data as Record<string, unknown>;
    expect(data.symbol).toBe('BTC/USDT:USDT');
    expect(typeof data.openInterest).toBe('number');
    expect(typeof data.fundingRate).toBe('number');
    const candle = await waitFor(() =>
      probe.received.find((r) => r.event === 'snapshot' && r.payload.topic === 'ohlcv:sim:BTC/USDT:USDT:1m'),
    );
    const update = candle.payload.data as { candle: number[]; timeframe: string; closed: boolean };
    expect(update.timeframe).toBe('1m');
    expect(update.candle).toHaveLength(6);
    const [openTime = -1] = update.candle;
    expect(openTime % 60_000).toBe(0);
    expect(Date.now() - openTime).toBeLessThan(120_000);
    probe.close();
  });
});
