import { ExchangeRegistry } from '../../src/modules/exchanges';
import { VenueStreams } from '../../src/modules/orders';
import { startApp, type RunningApp } from '../support/app-harness';
import { eventually, openAccount } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

interface Reconciliation {
  trigger: string;
  repairs: { kind: string; subject: string }[];
  discrepancies: { kind: string; subject: string; ours: string | null; venue: string | null }[];
  runs: number;
}

interface OrderBody {
  orderId: string;
  status: string;
  filled: string;
  fills: { fillId: string; quantity: string }[];
}

describe('reconciliation (e2e): a fill made while the venue streams were down is applied exactly once', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });

  afterAll(async () => {
    await running.close();
  });

  it('drops the streams, fills on the venue, reconnects: the reconciler applies the missed fill once', async () => {
    const accountId = await openAccount(running, { USDT: '100000' });
    const streams = running.app.get(VenueStreams);
    await eventually(() => Promise.resolve(streams.isConnected(accountId) ? true : undefined));
    await streams.disconnect(accountId);
    expect(streams.isConnected(accountId)).toBe(false);

    const placed = await running
      .as()
      .post('/v1/orders')
      .send({ accountId, clientOrderId: 'rc-1', symbol: BTC, side: 'buy', type: 'market', quantity: '0.003' })
      .expect(201);
    const { orderId } = placed.body as OrderBody;
    // The venue acknowledged (and filled) it, but the fill went out on a stream nobody listened to.
    const acked = await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`).expect(200);
      const body = res.body as OrderBody;
      return body.status === 'working' ? body : undefined;
    });
    expect(acked.fills).toEqual([]);

    await streams.reconnect(accountId);
    const result = await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/reconciliation`);
      const body = res.body as Reconciliation;
      return res.status === 200 && body.trigger === 'reconnect' ? body : undefined;
    });
    expect(result.repairs.map((r) => r.kind)).toEqual(['missed_fill_applied']);
    expect(result.discrepancies).toEqual([]);

    const filled = await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`).expect(200);
      const body = res.body as OrderBody;
      return body.status === 'filled' ? body : undefined;
    });
    expect(filled.fills).toHaveLength(1);
    expect(filled.fills[0]?.fillId).toBe(result.repairs[0]?.subject);

    // Reconciling again repairs nothing: the fill is keyed by its venue fill id.
    const again = await running.as().post(`/v1/accounts/${accountId}/reconcile`).expect(200);
    expect(again.body).toMatchObject({ trigger: 'manual', repairs: [], discrepancies: [] });
    const audit = await running.as().get(`/v1/audit/streams/order-${orderId}`).expect(200);
    const types = (audit.body as { events: { type: string }[] }).events.map((e) => e.type);
    expect(types.filter((t) => t === 'OrderFilled' || t === 'OrderPartiallyFilled')).toHaveLength(1);
    const positions = await running.as().get(`/v1/accounts/${accountId}/positions`).expect(200);
    expect(positions.body).toEqual([expect.objectContaining({ symbol: BTC, quantity: '0.003' })]);
  });

  it('records what it cannot repair as discrepancies and invents nothing', async () => {
    const accountId = await openAccount(running, { USDT: '50000' });
    const streams = running.app.get(VenueStreams);
    await eventually(() => Promise.resolve(streams.isConnected(accountId) ? true : undefined));
    // An order placed at the venue behind our back (another client on the same venue account).
    const registry = running.app.get(ExchangeRegistry);
    const session = registry.get('sim').trading({ accountId });
    const foreign = await session.createOrder({
      clientOrderId: 'manual-1',
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      quantity: '0.001',
      price: '1000',
    });
    const result = await running.as().post(`/v1/accounts/${accountId}/reconcile`).expect(200);
    expect((result.body as Reconciliation).discrepancies).toEqual([
      expect.objectContaining({ kind: 'order_unknown_to_us', subject: foreign.venueOrderId }),
    ]);
    expect((result.body as Reconciliation).repairs).toEqual([]);
    const orders = await running.as().get(`/v1/orders?accountId=${accountId}`).expect(200);
    expect((orders.body as { items: unknown[] }).items).toEqual([]);
  });
});
