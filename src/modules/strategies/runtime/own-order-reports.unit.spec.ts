import type { OrderView } from '../../../domain/orders';
import { OwnOrderReports } from './own-order-reports';

const PREFIX = 'stg.stg_abc.1.';

function view(changes: Partial<OrderView>): OrderView {
  return {
    orderId: 'ord_1',
    accountId: 'acc_1',
    clientOrderId: `${PREFIX}mq1x.r1`,
    symbol: 'BTC/USDT:USDT',
    side: 'buy',
    type: 'limit',
    status: 'working',
    quantity: '0.3',
    price: '100',
    triggerPrice: null,
    timeInForce: 'gtc',
    reduceOnly: false,
    expiresAt: null,
    filled: '0',
    remaining: '0.3',
    averagePrice: null,
    fees: '0',
    venueOrderId: 'v1',
    parentOrderId: null,
    parentLeg: null,
    takeProfit: null,
    stopLoss: null,
    bracketStatus: 'none',
    cancelRequested: false,
    pendingAmend: false,
    rejection: null,
    lastAmendRejection: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...changes,
  };
}

describe('OwnOrderReports', () => {
  it('ignores orders of other runs and strategies', () => {
    const reports = new OwnOrderReports(PREFIX);
    expect(
      reports.report('OrderFilled', view({ clientOrderId: 'stg.stg_abc.2.x.r1', filled: '1' }), 1),
    ).toEqual([]);
    expect(reports.report('OrderFilled', view({ clientOrderId: 'manual-1', filled: '1' }), 1)).toEqual([]);
  });

  it('derives each fill from the change in filled quantity and notional, once', () => {
    const reports = new OwnOrderReports(PREFIX);
    // 0.1 at 100: notional 10
    const first = reports.report(
      'OrderPartiallyFilled',
      view({
        status: 'partially_filled',
        filled: '0.1',
        remaining: '0.2',
        averagePrice: '100',
        fees: '0.01',
      }),
      5,
    );
    expect(first).toEqual([
      {
        kind: 'fill',
        fill: {
          ref: 'r1',
          fillId: 'ord_1:0.1',
          at: 5,
          symbol: 'BTC/USDT:USDT',
          side: 'buy',
          price: 100,
          quantity: 0.1,
          fee: 0.01,
          remaining: 0.2,
        },
      },
    ]);
    // the same view again (a replayed change): nothing new
    expect(
      reports.report(
        'OrderPartiallyFilled',
        view({
          status: 'partially_filled',
          filled: '0.1',
          remaining: '0.2',
          averagePrice: '100',
          fees: '0.01',
        }),
        6,
      ),
    ).toEqual([]);
    // then 0.2 more, average 102: notional 0.3 * 102 = 30.6; this fill 30.6 - 10 = 20.6 over 0.2 = 103
    const second = reports.report(
      'OrderFilled',
      view({ status: 'filled', filled: '0.3', remaining: '0', averagePrice: '102', fees: '0.03' }),
      7,
    );
    expect(second).toEqual([
      {
        kind: 'fill',
        fill: {
          ref: 'r1',
          fillId: 'ord_1:0.3',
          at: 7,
          symbol: 'BTC/USDT:USDT',
          side: 'buy',
          price: 103,
          quantity: 0.2,
          fee: 0.02,
          remaining: 0,
        },
      },
    ]);
    expect(
      reports.report('OrderFilled', view({ status: 'filled', filled: '0.3', averagePrice: '102' }), 8),
    ).toEqual([]);
  });

  it('reports a cancel or expiry once, and a venue rejection but not a risk one (placement answered it)', () => {
    const reports = new OwnOrderReports(PREFIX);
    expect(reports.report('OrderCancelled', view({ status: 'cancelled' }), 9)).toEqual([
      { kind: 'closed', closed: { ref: 'r1', at: 9, reason: 'cancelled' } },
    ]);
    expect(reports.report('OrderCancelled', view({ status: 'cancelled' }), 10)).toEqual([]);
    const rejection = { source: 'venue', reason: 'INSUFFICIENT_MARGIN', message: 'no margin', details: {} };
    expect(
      reports.report('OrderRejected', view({ orderId: 'ord_2', status: 'rejected', rejection }), 11),
    ).toEqual([
      {
        kind: 'refused',
        refusal: { ref: 'r1', at: 11, intent: 'place', code: 'INSUFFICIENT_MARGIN', message: 'no margin' },
      },
    ]);
    const risk = { ...rejection, source: 'risk', reason: 'RISK_REJECTED' };
    expect(
      reports.report('OrderRejected', view({ orderId: 'ord_3', status: 'rejected', rejection: risk }), 12),
    ).toEqual([]);
  });
});
