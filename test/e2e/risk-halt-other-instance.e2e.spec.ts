import { accountRiskDecider } from '../../src/domain/risk';
import { AggregateRepository } from '../../src/infrastructure/event-store/aggregate-repository';
import { AccountRiskStore, accountRiskStreamId } from '../../src/modules/risk';
import { eventually, useTradingApp, type OrderBody } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

describe('kill switch tripped by another instance (e2e)', () => {
  const trading = useTradingApp();

  it('sends nothing that adds risk once the halt is in the store, even while this instance still holds ACTIVE', async () => {
    const { running, accountId } = trading();
    const place = (clientOrderId: string) =>
      running.as().post('/v1/orders').send({
        accountId,
        clientOrderId,
        symbol: BTC,
        side: 'buy',
        type: 'market',
        quantity: '0.002',
      });
    await place('a-first-order').expect(201);
    // Placements read (and for 250 ms reuse) the account's risk state: ACTIVE.
    const riskStore = running.app.get(AccountRiskStore);
    const active = await riskStore.load(accountId);
    // Another instance trips the kill switch: the event is in the store, this instance's copy is not dropped.
    await running.app.get(AggregateRepository).handle(accountRiskStreamId(accountId), accountRiskDecider, {
      type: 'TripKillSwitch',
      accountId,
      reason: 'tripped on instance B',
      flatten: false,
      by: 'e2e',
      openOrderIds: [],
      positions: [],
      at: new Date().toISOString(),
    });
    // This instance still holds its ACTIVE read (as one that read just before B's trip would, for up
    // to 250 ms); put back here so the test does not depend on the machine's speed.
    (riskStore as unknown as { recent: { entries: Map<string, unknown> } }).recent.entries.set(accountId, {
      hasValue: true,
      value: active,
      readAt: Date.now() + 60_000, // neither stale nor due a refresh
      pending: null,
      pendingAt: 0,
    });
    const placed = await place('after-the-halt');
    // Accepted from the reused read (the usual case here: well inside 250 ms); the venue must never see it.
    expect(placed.status).toBe(201);
    const { orderId } = placed.body as OrderBody;
    const final = await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`).expect(200);
      const body = res.body as OrderBody;
      return ['cancelled', 'filled', 'rejected'].includes(body.status) ? body : undefined;
    });
    expect(final).toMatchObject({ status: 'cancelled', filled: '0', venueOrderId: null });
  });
});
