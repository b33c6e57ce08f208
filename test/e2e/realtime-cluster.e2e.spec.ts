import { randomBytes } from 'node:crypto';
import type { SimExchangeAdapter } from '../../src/infrastructure/exchanges/sim/sim-exchange.adapter';
import { ExchangeRegistry } from '../../src/modules/exchanges';
import { TopicManager } from '../../src/modules/realtime';
import { RealtimeGateway } from '../../src/modules/realtime/realtime.gateway';
import { startApp, type RunningApp } from '../support/app-harness';
import { connectProbe, sequenceOf, waitFor } from '../int/realtime/stream-client.harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOPIC = 'trades:sim:BTC/USDT:USDT';

/**
 * Two instances joined by the socket.io Redis adapter. Upstream policy: each instance opens its own
 * one upstream per topic its clients hold and fans it out to its own sockets (`.local`), so a
 * client on any instance gets every topic without cross-instance traffic per message.
 */
describe('realtime across two instances (REDIS_URL)', () => {
  let first: RunningApp;
  let second: RunningApp;

  beforeAll(async () => {
    const adminKey = `tb_clusteradmin_${randomBytes(18).toString('base64url')}`;
    const env = { REDIS_URL, ADMIN_API_KEY: adminKey, STREAM_UPSTREAM_GRACE_MS: '200' };
    first = await startApp({ env });
    // With a server database both share it; the embedded one belongs to one process, so each gets its own.
    second = await startApp({
      env,
      ...(first.databaseUrl === undefined ? {} : { sharedDatabaseUrl: first.databaseUrl }),
    });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('delivers a topic to a client on each instance, from one upstream per instance', async () => {
    const onFirst = await connectProbe(first);
    const onSecond = await connectProbe(second);
    expect((await onFirst.subscribe(['trades:sim:BTCUSDT'])).accepted).toEqual([TOPIC]);
    expect((await onSecond.subscribe([TOPIC])).accepted).toEqual([TOPIC]);
    await waitFor(
      () => sequenceOf(onFirst, TOPIC).length >= 4 && sequenceOf(onSecond, TOPIC).length >= 4,
      15_000,
      'trades on both instances',
    );
    for (const probe of [onFirst, onSecond]) {
      const events = sequenceOf(probe, TOPIC);
      expect(events[0]?.[0]).toBe('snapshot');
      const seqs = events.slice(1).map(([, seq]) => seq);
      expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i)); // no duplicates through the adapter
    }
    for (const app of [first, second]) {
      expect(app.app.get(TopicManager).activeTopics()).toEqual([TOPIC]);
      expect((app.app.get(ExchangeRegistry).get('sim') as SimExchangeAdapter).openStreams).toBe(1);
    }

    // The Redis adapter joins the instances: each sees the other's sockets.
    const ids = (await first.app.get(RealtimeGateway).namespace.fetchSockets()).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([onFirst.socket.id, onSecond.socket.id]));
    // A non-local broadcast from the first instance reaches the client on the second one.
    first.app
      .get(RealtimeGateway)
      .namespace.to(onSecond.socket.id ?? '')
      .emit('stream_error', {
        error: { code: 'CLUSTER_PROBE', message: 'through redis' },
      });
    await waitFor(
      () => onSecond.received.find((r) => r.event === 'stream_error'),
      5_000,
      'the cross-instance emit',
    );

    // Each instance's upstream follows its own clients: leaving the second closes only its upstream.
    onSecond.close();
    await waitFor(
      () => second.app.get(TopicManager).activeTopics().length === 0,
      5_000,
      'second upstream closed',
    );
    expect(first.app.get(TopicManager).activeTopics()).toEqual([TOPIC]);
    const before = sequenceOf(onFirst, TOPIC).length;
    await waitFor(
      () => sequenceOf(onFirst, TOPIC).length > before + 2,
      5_000,
      'the first client to keep receiving',
    );
    onFirst.close();
  });
});
