import { Dec } from '../../src/domain/shared/decimal';
import { eventually, useTradingApp, type OrderBody } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

describe('orders (e2e)', () => {
  const trading = useTradingApp();

  it('places a market order that fills on the sim, and the position and PnL follow the fills', async () => {
    const { running, accountId } = trading();
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'e2e-buy-1',
        symbol: BTC,
        side: 'buy',
        type: 'market',
        quantity: '0.01',
      })
      .expect(201);
    const { orderId } = placed.body as OrderBody;
    expect(placed.body).toMatchObject({ status: 'accepted', quantity: '0.01', filled: '0' });

    const filled = await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`).expect(200);
      const body = res.body as OrderBody;
      return body.status === 'filled' && body.fills !== undefined && body.fills.length > 0 ? body : undefined;
    });
    const fills = filled.fills ?? [];
    const qty = fills.reduce((s, f) => s.plus(f.quantity), new Dec(0));
    const notional = fills.reduce((s, f) => s.plus(new Dec(f.price).mul(f.quantity)), new Dec(0));
    const fees = fills.reduce((s, f) => s.plus(f.fee), new Dec(0));
    expect(qty.toFixed()).toBe('0.01');
    expect(filled.fees).toBe(fees.toFixed());

    // Long 0.01 at the volume-weighted fill price; nothing realized yet, the fees apart.
    const position = await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/positions`).expect(200);
      const list = res.body as {
        symbol: string;
        quantity: string;
        cost: string;
        fees: string;
        averageEntry: string;
        realizedPnl: string;
        unrealizedPnl: string | null;
        markPrice: string | null;
      }[];
      return list.find((p) => p.symbol === BTC && p.quantity === '0.01');
    });
    expect(position.cost).toBe(notional.toFixed());
    expect(position.fees).toBe(fees.toFixed());
    expect(position.realizedPnl).toBe('0');
    // unrealized = |q| * mark - cost for a long
    expect(position.markPrice).not.toBeNull();
    expect(position.unrealizedPnl).toBe(
      new Dec(position.markPrice ?? '0').mul('0.01').minus(notional).toFixed(),
    );

    // Sell it back: realized = exit notional - entry cost; balances = initial + realized - fees.
    const sold = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'e2e-sell-1',
        symbol: BTC,
        side: 'sell',
        type: 'market',
        quantity: '0.01',
      })
      .expect(201);
    const sellFilled = await eventually(async () => {
      const res = await running
        .as()
        .get(`/v1/orders/${(sold.body as OrderBody).orderId}`)
        .expect(200);
      const body = res.body as OrderBody;
      return body.status === 'filled' ? body : undefined;
    });
    const exit = (sellFilled.fills ?? []).reduce(
      (s, f) => s.plus(new Dec(f.price).mul(f.quantity)),
      new Dec(0),
    );
    const allFees = fees.plus(sellFilled.fees);
    const flat = await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/positions`).expect(200);
      return (
        res.body as {
          symbol: string;
          quantity: string;
          realizedPnl: string;
          fees: string;
          netRealizedPnl: string;
        }[]
      ).find((p) => p.symbol === BTC && p.quantity === '0');
    });
    expect(flat.realizedPnl).toBe(exit.minus(notional).toFixed());
    expect(flat.fees).toBe(allFees.toFixed());
    const balances = await running.as().get(`/v1/accounts/${accountId}/balances`).expect(200);
    expect(balances.body).toEqual([
      expect.objectContaining({
        currency: 'USDT',
        wallet: new Dec('100000').plus(exit.minus(notional)).minus(allFees).toFixed(),
      }),
    ]);
  });

  it('answers the same order for the same clientOrderId, and 409 for another order under it', async () => {
    const { running, accountId } = trading();
    const body = {
      accountId,
      clientOrderId: 'e2e-limit-1',
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      quantity: '0.002',
      price: '1000',
    };
    const first = await running.as().post('/v1/orders').send(body).expect(201);
    const again = await running.as().post('/v1/orders').send(body).expect(200);
    expect((again.body as OrderBody).orderId).toBe((first.body as OrderBody).orderId);
    const other = await running
      .as()
      .post('/v1/orders')
      .send({ ...body, quantity: '0.003' })
      .expect(409);
    expect(other.body).toMatchObject({
      error: { code: 'CLIENT_ORDER_ID_CONFLICT', details: { differences: ['quantity'] } },
    });
  });

  it('makes exactly one order of 100 concurrent identical placements', async () => {
    const { running, accountId } = trading();
    const body = {
      accountId,
      clientOrderId: 'e2e-concurrent',
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      quantity: '0.001',
      price: '1000.5',
    };
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => running.as().post('/v1/orders').send(body)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(99);
    expect(new Set(responses.map((r) => (r.body as OrderBody).orderId)).size).toBe(1);
    const orderId = (responses[0]?.body as OrderBody).orderId;
    const events = await running.as().get(`/v1/audit/streams/order-${orderId}`).expect(200);
    const types = (events.body as { events: { type: string }[] }).events.map((e) => e.type);
    expect(types.filter((t) => t === 'OrderPlaced')).toHaveLength(1);
    const list = await eventually(async () => {
      const res = await running
        .as()
        .get(`/v1/orders?accountId=${accountId}&symbol=${encodeURIComponent(BTC)}&limit=500`)
        .expect(200);
      const items = (res.body as { items: { clientOrderId: string }[] }).items.filter(
        (o) => o.clientOrderId === 'e2e-concurrent',
      );
      return items.length > 0 ? items : undefined;
    });
    expect(list).toHaveLength(1);
  });

  it('amends a resting limit order once the venue confirms, and cancels it; a second cancel is a 409', async () => {
    const { running, accountId } = trading();
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'e2e-amend',
        symbol: BTC,
        side: 'buy',
        type: 'limit',
        quantity: '0.002',
        price: '1000',
      })
      .expect(201);
    const { orderId } = placed.body as OrderBody;
    await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`);
      return (res.body as OrderBody).status === 'working' ? true : undefined;
    });
    await running.as().patch(`/v1/orders/${orderId}`).send({ price: '1001.5' }).expect(200);
    await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`);
      const b = res.body as OrderBody & { price: string; pendingAmend: boolean };
      return b.price === '1001.5' && !b.pendingAmend ? true : undefined;
    });
    await running.as().delete(`/v1/orders/${orderId}`).expect(200);
    await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`);
      return (res.body as OrderBody).status === 'cancelled' ? true : undefined;
    });
    const again = await running.as().delete(`/v1/orders/${orderId}`).expect(409);
    expect(again.body).toMatchObject({ error: { code: 'INVALID_ORDER_TRANSITION' } });
  });

  it('pages through orders with a cursor, newest first, without gaps or repeats', async () => {
    const { running, accountId } = trading();
    for (let i = 0; i < 5; i++) {
      await running
        .as()
        .post('/v1/orders')
        .send({
          accountId,
          clientOrderId: `e2e-page-${i}`,
          symbol: 'ETH/USDT:USDT',
          side: 'buy',
          type: 'limit',
          quantity: '0.01',
          price: '100',
        })
        .expect(201);
    }
    const all = await eventually(async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `/v1/orders?accountId=${accountId}&symbol=${encodeURIComponent('ETH/USDT:USDT')}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
        const res = await running.as().get(q).expect(200);
        const page = res.body as { items: { clientOrderId: string }[]; nextCursor: string | null };
        seen.push(...page.items.map((o) => o.clientOrderId));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen.length === 5 ? seen : undefined;
    });
    expect(all).toEqual(['e2e-page-4', 'e2e-page-3', 'e2e-page-2', 'e2e-page-1', 'e2e-page-0']);
  });
});
