import { FakeAccount, FakeAccountError, type FakeExecution } from './fake-account';
import { MarketDataSet } from './market-data-set';

describe('FakeAccount (the fake venues’ order ledger)', () => {
  let data: MarketDataSet;
  let account: FakeAccount;
  let events: { id: number; status: string; execution: FakeExecution; fill?: string }[];

  beforeEach(() => {
    data = new MarketDataSet();
    account = new FakeAccount(data, { wallet: '10000' });
    events = [];
    account.subscribe((order, execution, fill) =>
      events.push({ id: order.id, status: order.status, execution, fill: fill?.quantity }),
    );
  });

  const bestAsk = (): string => data.book('BTC').asks[0]?.[0] ?? 'none';

  it('rests a limit order below the ask, fills it partly as maker, amends and cancels it', () => {
    const order = account.place({
      coin: 'BTC',
      side: 'buy',
      type: 'limit',
      quantity: '0.010',
      price: '40000.0',
      clientId: 'c-1',
    });
    expect(order.status).toBe('new');
    // used = 0.01 * 40000 / 10 = 40: the open order's margin.
    expect(account.balance()).toEqual({ total: '10000', free: '9960', used: '40' });

    const fill = account.fillPartially(order.id, '0.004');
    // fee = 0.004 * 40000 * 0.0002 = 0.032 (maker)
    expect(fill).toMatchObject({ price: '40000', quantity: '0.004', fee: '0.032', maker: true });
    expect(account.order(order.id)).toMatchObject({
      status: 'partially_filled',
      filled: '0.004',
      averagePrice: '40000',
    });
    expect(account.position('BTC')).toEqual({ coin: 'BTC', quantity: '0.004', entryPrice: '40000' });
    // wallet 10000 - 0.032; used = (0.004 * 40000 + 0.006 * 40000) / 10 = 40
    expect(account.balance()).toEqual({ total: '9999.968', free: '9959.968', used: '40' });

    account.amend(order.id, { price: '39000.0' });
    expect(() => account.amend(order.id, { quantity: '0.004' })).toThrow(FakeAccountError);
    account.cancel(order.id);
    expect(account.order(order.id)?.status).toBe('cancelled');
    expect(account.openOrders).toHaveLength(0);
    expect(() => account.cancel(order.id)).toThrow(FakeAccountError);
    expect(events.map((e) => e.execution)).toEqual(['new', 'trade', 'amendment', 'cancelled']);
  });

  it('fills a crossing order whole as taker and realises PnL when the position closes', () => {
    const ask = bestAsk();
    const buy = account.place({ coin: 'BTC', side: 'buy', type: 'market', quantity: '0.010', clientId: 'b' });
    expect(buy).toMatchObject({ status: 'filled', filled: '0.01', averagePrice: ask });
    const bid = data.book('BTC').bids[0]?.[0] ?? 'none';
    const sell = account.place({
      coin: 'BTC',
      side: 'sell',
      type: 'limit',
      quantity: '0.010',
      price: bid,
      clientId: 's',
    });
    expect(sell.status).toBe('filled');
    expect(account.position('BTC').quantity).toBe('0');
    const [open, close] = account.fills;
    // realised = (bid - ask) * 0.01; wallet = 10000 - both taker fees + realised
    const realized = (Number(bid) - Number(ask)) * 0.01;
    expect(Number(close?.realizedPnl)).toBeCloseTo(realized, 8);
    const fees = Number(open?.fee) + Number(close?.fee);
    expect(Number(account.balance().total)).toBeCloseTo(10000 - fees + realized, 8);
    expect(account.balance().used).toBe('0');
  });

  it('refuses a zero quantity and unknown orders', () => {
    expect(() =>
      account.place({ coin: 'BTC', side: 'buy', type: 'limit', quantity: '0', price: '1', clientId: 'z' }),
    ).toThrow(FakeAccountError);
    expect(() => account.fillPartially(424242, '1')).toThrow(FakeAccountError);
  });
});
