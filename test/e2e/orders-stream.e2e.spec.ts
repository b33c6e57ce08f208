import { connectProbe, waitFor, type StreamProbe } from '../int/realtime/stream-client.harness';
import { startApp, type RunningApp } from '../support/app-harness';
import { openAccount } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

describe('orders:{accountId} and positions:{accountId} over socket.io (e2e)', () => {
  let running: RunningApp;
  let accountId: string;
  const probes: StreamProbe[] = [];

  beforeAll(async () => {
    running = await startApp();
    accountId = await openAccount(running, { USDT: '100000' });
  });

  afterAll(async () => {
    for (const p of probes) p.close();
    await running.close();
  });

  const updates = (probe: StreamProbe, topic: string) =>
    probe.received
      .filter((m) => m.event === 'update' && m.payload.topic === topic)
      .map((m) => m.payload.data);

  it('pushes every change of an order and of the position it makes, to a viewer key', async () => {
    const key = await running.as().post('/v1/api-keys').send({ name: 'watcher', role: 'viewer' }).expect(201);
    const probe = await connectProbe(running, (key.body as { key: string }).key);
    probes.push(probe);
    const ack = await probe.subscribe([`orders:${accountId}`, `positions:${accountId}`]);
    expect(ack.accepted).toEqual([`orders:${accountId}`, `positions:${accountId}`]);

    const placed = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'stream-1',
        symbol: BTC,
        side: 'buy',
        type: 'market',
        quantity: '0.004',
      })
      .expect(201);
    const orderId = (placed.body as { orderId: string }).orderId;

    await waitFor(
      () =>
        updates(probe, `orders:${accountId}`).some(
          (d) => (d as { eventType: string }).eventType === 'OrderFilled',
        ),
      15_000,
      'OrderFilled on the orders topic',
    );
    const orderChanges = updates(probe, `orders:${accountId}`) as {
      eventType: string;
      order: { orderId: string; status: string };
    }[];
    expect(orderChanges.map((c) => c.eventType).slice(0, 2)).toEqual(['OrderPlaced', 'OrderAccepted']);
    expect(orderChanges.every((c) => c.order.orderId === orderId)).toBe(true);
    expect(orderChanges[orderChanges.length - 1]?.order.status).toBe('filled');

    const position = await waitFor(
      () =>
        (updates(probe, `positions:${accountId}`) as { record: { symbol: string; quantity: string } }[]).find(
          (c) => c.record.quantity === '0.004',
        ),
      15_000,
      'the position update',
    );
    expect(position.record.symbol).toBe(BTC);
  });

  it('refuses an auditor key and an unknown account per topic', async () => {
    const key = await running
      .as()
      .post('/v1/api-keys')
      .send({ name: 'auditor', role: 'auditor' })
      .expect(201);
    const probe = await connectProbe(running, (key.body as { key: string }).key);
    probes.push(probe);
    const ack = await probe.subscribe([`orders:${accountId}`, 'positions:acc_nobody']);
    expect(ack.accepted).toEqual([]);
    expect(Object.keys(ack.errors).sort()).toEqual([`orders:${accountId}`, 'positions:acc_nobody']);
    expect(ack.errors['positions:acc_nobody']?.code).toBe('UNKNOWN_ACCOUNT');
  });
});
