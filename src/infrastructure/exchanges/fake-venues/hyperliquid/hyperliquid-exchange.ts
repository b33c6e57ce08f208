import { FakeAccount, FakeAccountError, FakeOrder } from '../shared/fake-account';
import { FakeRequest, FakeResponse, isRecord, ok } from '../shared/fake-venue-server';
import { MarketDataSet } from '../shared/market-data-set';

const CLOID = /^0x[0-9a-f]{32}$/;
const NEVER_PLACED = 'Order was never placed, already canceled, or filled.';

/**
 * `POST /exchange`: signed L1 actions `order`, `batchModify` / `modify`, `cancel` and
 * `cancelByCloid`, on the fake's `FakeAccount`. The payload must carry `action`, a numeric `nonce`
 * and a `signature {r, s, v}` (not recovered: the fake trades one account, whoever signs).
 * Asset `a` is the index in `meta.universe`; `c` (cloid) must be a 128-bit hex string.
 * Source: https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/exchange-endpoint
 * (place, modify, modify multiple, cancel, cancel by cloid: request and response examples).
 */
export class HyperliquidExchange {
  constructor(
    private readonly account: FakeAccount,
    private readonly data: MarketDataSet,
  ) {}

  answer(request: FakeRequest): FakeResponse {
    const body = isRecord(request.json) ? request.json : {};
    const { action, nonce, signature } = body;
    if (!isRecord(action) || typeof nonce !== 'number' || !isRecord(signature) || signature.r === undefined)
      return ok({ status: 'err', response: 'Failed to deserialize the JSON body into the target type' });
    switch (action.type) {
      case 'order':
        return this.statuses(
          'order',
          list(action.orders).map((o) => this.place(o)),
        );
      case 'batchModify':
        return this.statuses(
          'batchModify',
          list(action.modifies).map((m) => this.modify(m.oid, m.order)),
        );
      case 'modify': {
        const status = this.modify(action.oid, action.order);
        return ok(
          isRecord(status) && 'error' in status
            ? { status: 'err', response: status.error }
            : { status: 'ok', response: { type: 'default' } },
        );
      }
      case 'cancel':
        return this.statuses(
          'cancel',
          list(action.cancels).map((c) => this.cancel(this.account.order(Number(c.o)))),
        );
      case 'cancelByCloid':
        return this.statuses(
          'cancel',
          list(action.cancels).map((c) => this.cancel(this.account.orderByClientId(String(c.cloid)))),
        );
      default:
        return ok({ status: 'err', response: `Unknown action ${String(action.type)}` });
    }
  }

  private place(wire: Record<string, unknown>): unknown {
    const coin = this.data.coinNames[Number(wire.a)];
    if (coin === undefined) return { error: 'Asset not found' };
    const cloid = typeof wire.c === 'string' ? wire.c : '';
    if (cloid !== '' && !CLOID.test(cloid)) return { error: 'Invalid cloid' };
    const tif = isRecord(wire.t) && isRecord(wire.t.limit) ? String(wire.t.limit.tif) : 'Gtc';
    try {
      const order = this.account.place({
        coin,
        side: wire.b === true ? 'buy' : 'sell',
        type: 'limit',
        quantity: String(wire.s),
        price: String(wire.p),
        clientId: cloid,
        timeInForce: tif,
        reduceOnly: wire.r === true,
      });
      if (order.status === 'filled')
        return { filled: { totalSz: order.filled, avgPx: order.averagePrice, oid: order.id } };
      if (tif === 'Ioc') {
        this.account.cancel(order.id);
        return {
          error: 'Order could not immediately match against any resting orders. asset=' + String(wire.a),
        };
      }
      return { resting: { oid: order.id, ...(cloid === '' ? {} : { cloid }) } };
    } catch (e: unknown) {
      if (e instanceof FakeAccountError) return { error: 'Order has invalid size.' };
      throw e;
    }
  }

  /** The fake keeps the order's oid across a modify. */
  private modify(oid: unknown, wire: unknown): unknown {
    const order = this.account.order(Number(oid));
    if (order === undefined || !isRecord(wire)) return { error: 'Cannot modify canceled or filled order' };
    try {
      const changed = this.account.amend(order.id, { price: String(wire.p), quantity: String(wire.s) });
      return { resting: { oid: changed.id } };
    } catch (e: unknown) {
      if (e instanceof FakeAccountError) return { error: 'Cannot modify canceled or filled order' };
      throw e;
    }
  }

  private cancel(order: FakeOrder | undefined): unknown {
    if (order === undefined) return { error: NEVER_PLACED };
    try {
      this.account.cancel(order.id);
      return 'success';
    } catch (e: unknown) {
      if (e instanceof FakeAccountError) return { error: NEVER_PLACED };
      throw e;
    }
  }

  private statuses(type: string, statuses: unknown[]): FakeResponse {
    return ok({ status: 'ok', response: { type, data: { statuses } } });
  }
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
