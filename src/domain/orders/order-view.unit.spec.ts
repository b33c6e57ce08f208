import type { OrderEvent } from './order.events';
import { evolveOrderView, type OrderView } from './order-view';
import { T1, T2, accepted, fillEvent, ids, placed, working } from './order.fixtures';

const fold = (events: OrderEvent[]): OrderView | null =>
  events.reduce<OrderView | null>(evolveOrderView, null);

describe('the order view (the read model the API serves)', () => {
  const f1 = fillEvent('OrderPartiallyFilled', {
    fillId: 'f1',
    price: '100',
    quantity: '0.5',
    fee: '0.05',
    filled: '0.5',
    remaining: '1.5',
    averagePrice: '100',
  });
  const f2 = fillEvent('OrderFilled', {
    fillId: 'f2',
    price: '102',
    quantity: '1.5',
    fee: '-0.0153',
    filled: '2',
    remaining: '0',
    averagePrice: '101.5',
  });

  it('follows the lifecycle: fees add up, 0.05 - 0.0153 = 0.0347; the version counts the events', () => {
    const view = fold([placed(), accepted, working, f1, f2]);
    expect(view).toMatchObject({
      status: 'filled',
      filled: '2',
      remaining: '0',
      averagePrice: '101.5',
      fees: '0.0347',
      venueOrderId: 'v-1',
      version: 5,
      createdAt: placed().at,
      updatedAt: T1,
    });
  });

  it('keeps a cancelled order cancelled when a late fill arrives', () => {
    const cancelled: OrderEvent = {
      type: 'OrderCancelled',
      ...ids,
      at: T2,
      reason: 'user',
      filled: '0',
      remaining: '2',
    };
    expect(fold([placed(), accepted, working, cancelled, f1])).toMatchObject({
      status: 'cancelled',
      filled: '0.5',
    });
  });

  it('ignores events of an order it never saw placed', () => {
    expect(fold([accepted, working])).toBeNull();
  });
});
