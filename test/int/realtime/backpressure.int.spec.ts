import type { Socket as NetSocket } from 'node:net';
import { metricsRegistry } from '../../../src/infrastructure/observability/metrics';
import { startApp, type RunningApp } from '../../support/app-harness';
import { connectProbe, sequenceOf, waitFor, type StreamProbe } from './stream-client.harness';
import { TickingTopicsModule, type Tick } from './ticking-topics.module';

// 64 KiB every 20 ms on each topic: a client that stops reading fills its kernel buffers in seconds.
const BOOK = 'tick-book:20:65536';
const TRADES = 'tick-trades:20:65536';

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const values = (await metricsRegistry.getSingleMetric(name)?.get())?.values ?? [];
  return values
    .filter((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

/** The TCP socket under a socket.io-client's WebSocket transport. */
function tcpOf(probe: StreamProbe): NetSocket {
  const transport = probe.socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } };
  return transport.ws._socket;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

describe('realtime backpressure: a client that stops reading', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ env: { STREAM_CLIENT_MAX_BUFFERED: '8' }, imports: [TickingTopicsModule] });
  });
  afterAll(async () => {
    await running.close();
  });

  it('never delays the others, and gets conflated book updates and a gap notice for the trades it missed', async () => {
    const fast = await Promise.all([1, 2, 3].map(() => connectProbe(running)));
    const slow = await connectProbe(running);
    for (const probe of [...fast, slow]) {
      expect(await probe.subscribe([BOOK, TRADES])).toEqual({ accepted: [BOOK, TRADES], errors: {} });
    }
    await waitFor(() => sequenceOf(slow, TRADES).length >= 5, 10_000, 'the slow client to be live');

    tcpOf(slow).pause();
    const pausedAt = Date.now();
    const slowBefore = await metric('tradebook_stream_slow_clients_total');
    for (let i = 0; (await metric('tradebook_stream_slow_clients_total')) === slowBefore; i++) {
      if (i > 1_000) throw new Error('the server never treated the paused client as slow');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const laggedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // it misses about 50 updates per topic
    const receivedBeforeResume = slow.received.length;
    tcpOf(slow).resume();
    const resumedAt = Date.now();

    const gap = await waitFor(
      () => slow.received.find((r) => r.event === 'gap' && r.payload.topic === TRADES)?.payload,
      20_000,
      'a gap notice',
    );
    expect(gap.reason).toBe('slow_consumer');
    expect(gap.missed).toBeGreaterThanOrEqual(20);
    expect(gap.toSeq).toBe((gap.fromSeq ?? 0) + (gap.missed ?? 0) - 1);
    // After the gap the trades continue from toSeq + 1: every update is either received or reported missed.
    await waitFor(() => sequenceOf(slow, TRADES).some(([, seq]) => seq > (gap.toSeq ?? 0) + 3), 10_000);
    const tradeSeqs = sequenceOf(slow, TRADES)
      .filter(([event]) => event === 'update')
      .map(([, seq]) => seq);
    const covered = new Set(tradeSeqs);
    for (let seq = gap.fromSeq ?? 0; seq <= (gap.toSeq ?? 0); seq++) covered.add(seq);
    const last = Math.max(...covered);
    for (let seq = tradeSeqs[0] ?? 1; seq <= last; seq++) expect(covered.has(seq)).toBe(true);
    expect(tradeSeqs.filter((seq) => seq >= (gap.fromSeq ?? 0) && seq <= (gap.toSeq ?? 0))).toEqual([]);

    // The book was conflated: the slow client skipped book updates but got the newest on resume.
    const bookSeqs = sequenceOf(slow, BOOK).map(([, seq]) => seq);
    const jumps = bookSeqs.slice(1).filter((seq, i) => seq - (bookSeqs[i] ?? seq) > 1);
    expect(jumps.length).toBeGreaterThan(0);
    expect(await metric('tradebook_stream_conflated_total', { kind: 'tick-book' })).toBeGreaterThan(0);
    expect(await metric('tradebook_stream_gaps_total', { kind: 'tick-trades' })).toBeGreaterThan(0);
    expect(receivedBeforeResume).toBeGreaterThan(0);

    // The fast clients got every trade update in order, on time, while the slow one was stuck.
    for (const probe of fast) {
      const seqs = sequenceOf(probe, TRADES)
        .filter(([event]) => event === 'update')
        .map(([, seq]) => seq);
      expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
      expect(probe.received.some((r) => r.event === 'gap')).toBe(false);
      const latencies = probe.received
        .filter(
          (r) =>
            r.event === 'update' &&
            r.payload.topic === TRADES &&
            r.at >= pausedAt &&
            r.at <= laggedAt + 1_000,
        )
        .map((r) => r.at - (r.payload.data as Tick).sentAt);
      expect(latencies.length).toBeGreaterThan(20);
      // The slow client was stuck for over two seconds: a fanout that waited for it would delay the
      // others by about as much. The bounds are fractions of that stall, so a loaded machine's own
      // delays fit under them and a fanout that waited does not.
      const stuckMs = resumedAt - pausedAt;
      expect(percentile(latencies, 50)).toBeLessThan(stuckMs / 10);
      expect(percentile(latencies, 99)).toBeLessThan(stuckMs / 4);
    }
    for (const probe of [...fast, slow]) probe.close();
  });

  it('disconnects a client that stops reading but keeps sending requests (its unsent acks and snapshots are bounded)', async () => {
    // The previous test's clients are gone (their disconnects may still be landing).
    await waitFor(async () => (await metric('tradebook_stream_connections')) === 0, 10_000, 'no connections');
    const before = 0;
    const spammer = await connectProbe(running);
    expect(await spammer.subscribe([BOOK])).toEqual({ accepted: [BOOK], errors: {} });
    await waitFor(() => sequenceOf(spammer, BOOK).length >= 2, 10_000, 'book updates');
    expect(await metric('tradebook_stream_connections')).toBe(before + 1);
    tcpOf(spammer).pause();
    // Each request queues an ack and (on subscribe) a snapshot that the client never reads.
    for (let i = 0; i < 400 && (await metric('tradebook_stream_connections')) > before; i++) {
      spammer.socket.emit('subscribe', { topics: [TRADES] }, () => undefined);
      spammer.socket.emit('unsubscribe', { topics: [TRADES] }, () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await waitFor(
      async () => (await metric('tradebook_stream_connections')) === before,
      10_000,
      'the server to drop the client',
    );
    spammer.close();
  });

  it('refuses a topic the key may not see with FORBIDDEN', async () => {
    const created = await running
      .as()
      .post('/v1/api-keys')
      .send({ name: 'viewer', role: 'viewer' })
      .expect(201);
    const viewer = await connectProbe(running, (created.body as { key: string }).key);
    const ack = await viewer.subscribe(['secret:plans', BOOK]);
    expect(ack.accepted).toEqual([BOOK]);
    expect(ack.errors['secret:plans']?.code).toBe('FORBIDDEN');
    viewer.close();
  });
});
