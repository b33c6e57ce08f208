import { Dec, toWire } from '../../../../domain/shared/decimal';
import { MarketDataSet } from './market-data-set';

export type FakeSide = 'buy' | 'sell';
export type FakeOrderStatus = 'new' | 'partially_filled' | 'filled' | 'cancelled';
/** What changed, as the private streams name it (Binance's execution types, mapped per venue). */
export type FakeExecution = 'new' | 'trade' | 'amendment' | 'cancelled';

export interface FakeOrder {
  readonly id: number;
  readonly clientId: string;
  readonly coin: string;
  readonly side: FakeSide;
  readonly type: 'limit' | 'market';
  readonly timeInForce: string;
  readonly reduceOnly: boolean;
  readonly createdAt: number;
  /** Limit price ('0' for a market order). */
  price: string;
  quantity: string;
  filled: string;
  /** Volume-weighted fill price ('0' before the first fill). */
  averagePrice: string;
  status: FakeOrderStatus;
  updatedAt: number;
}

export interface FakeFill {
  readonly id: number;
  readonly orderId: number;
  readonly clientId: string;
  readonly coin: string;
  readonly side: FakeSide;
  readonly price: string;
  readonly quantity: string;
  readonly fee: string;
  readonly maker: boolean;
  readonly realizedPnl: string;
  readonly time: number;
}

export interface FakePosition {
  readonly coin: string;
  /** Signed: positive long, negative short (one-way mode). */
  readonly quantity: string;
  readonly entryPrice: string;
}

export interface FakeOrderInput {
  coin: string;
  side: FakeSide;
  type: 'limit' | 'market';
  quantity: string;
  price?: string;
  clientId: string;
  timeInForce?: string;
  reduceOnly?: boolean;
}

export type AccountListener = (order: FakeOrder, execution: FakeExecution, fill?: FakeFill) => void;

/** The account-level rejections each venue renders with its own code. */
export class FakeAccountError extends Error {
  constructor(readonly kind: 'unknown_order' | 'not_open' | 'bad_quantity') {
    super(kind);
  }
}

const MAKER_FEE = new Dec('0.0002');
const TAKER_FEE = new Dec('0.0005');
/** Initial margin of positions and open orders is notional / this (balances' `used`). */
export const FAKE_LEVERAGE = 10;

/**
 * One trading account behind a fake venue: orders, fills, a one-way position per coin and a USDT
 * wallet, in decimals. Just enough matching for adapter tests: a market order or a limit order that
 * crosses the book fills whole at the best opposite price (taker); any other limit order rests until
 * a test fills it with `fillPartially` (maker). Every change is told to listeners, which the venue
 * renders as its private websocket events.
 */
export class FakeAccount {
  private readonly orderBook = new Map<number, FakeOrder>();
  private readonly fillLog: FakeFill[] = [];
  private readonly positionBook = new Map<string, { quantity: Dec; entryPrice: Dec }>();
  private readonly listeners = new Set<AccountListener>();
  private nextOrderId: number;
  private nextFillId = 698_759;
  private wallet: Dec;

  constructor(
    private readonly data: MarketDataSet,
    options: { firstOrderId?: number; wallet?: string } = {},
  ) {
    this.nextOrderId = options.firstOrderId ?? 22_542_179;
    this.wallet = new Dec(options.wallet ?? '10000');
  }

  subscribe(listener: AccountListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get orders(): readonly FakeOrder[] {
    return [...this.orderBook.values()];
  }

  get openOrders(): readonly FakeOrder[] {
    return this.orders.filter((o) => o.status === 'new' || o.status === 'partially_filled');
  }

  get fills(): readonly FakeFill[] {
    return this.fillLog;
  }

  order(id: number): FakeOrder | undefined {
    return this.orderBook.get(id);
  }

  orderByClientId(clientId: string): FakeOrder | undefined {
    return this.orders.find((o) => o.clientId === clientId);
  }

  place(input: FakeOrderInput): FakeOrder {
    const quantity = new Dec(input.quantity);
    if (!quantity.isFinite() || quantity.lte(0)) throw new FakeAccountError('bad_quantity');
    const now = this.data.now;
    const order: FakeOrder = {
      id: this.nextOrderId++,
      clientId: input.clientId,
      coin: input.coin,
      side: input.side,
      type: input.type,
      timeInForce: input.timeInForce ?? 'GTC',
      reduceOnly: input.reduceOnly === true,
      createdAt: now,
      price: input.type === 'market' ? '0' : (input.price ?? '0'),
      quantity: toWire(quantity),
      filled: '0',
      averagePrice: '0',
      status: 'new',
      updatedAt: now,
    };
    this.orderBook.set(order.id, order);
    this.emit(order, 'new');
    const crossAt = this.crossingPrice(order);
    if (crossAt !== undefined) this.fill(order, quantity, crossAt, false);
    return order;
  }

  amend(id: number, change: { price?: string; quantity?: string }): FakeOrder {
    const order = this.openOrder(id);
    if (change.quantity !== undefined) {
      const quantity = new Dec(change.quantity);
      if (quantity.lte(order.filled)) throw new FakeAccountError('bad_quantity');
      order.quantity = toWire(quantity);
    }
    if (change.price !== undefined) order.price = toWire(new Dec(change.price));
    order.updatedAt = this.data.now;
    this.emit(order, 'amendment');
    return order;
  }

  cancel(id: number): FakeOrder {
    const order = this.openOrder(id);
    order.status = 'cancelled';
    order.updatedAt = this.data.now;
    this.emit(order, 'cancelled');
    return order;
  }

  /** Test control: a counterparty takes `quantity` of a resting order at its price (a maker fill). */
  fillPartially(id: number, quantity: string): FakeFill {
    const order = this.openOrder(id);
    const remaining = new Dec(order.quantity).minus(order.filled);
    const size = Dec.min(new Dec(quantity), remaining);
    if (size.lte(0)) throw new FakeAccountError('bad_quantity');
    return this.fill(order, size, new Dec(order.price), true);
  }

  position(coin: string): FakePosition {
    const p = this.positionBook.get(coin);
    return {
      coin,
      quantity: toWire(p?.quantity ?? new Dec(0)),
      entryPrice: toWire(p?.entryPrice ?? new Dec(0)),
    };
  }

  get positions(): FakePosition[] {
    return [...this.positionBook.keys()].map((coin) => this.position(coin));
  }

  /** The USDT wallet: total = free + used exactly; used is the initial margin of positions and orders. */
  balance(): { total: string; free: string; used: string } {
    let used = new Dec(0);
    for (const p of this.positionBook.values()) used = used.plus(p.quantity.abs().mul(p.entryPrice));
    for (const o of this.openOrders) used = used.plus(new Dec(o.quantity).minus(o.filled).mul(o.price));
    used = used.div(FAKE_LEVERAGE).toDecimalPlaces(8);
    return { total: toWire(this.wallet), free: toWire(this.wallet.minus(used)), used: toWire(used) };
  }

  /** Unrealised PnL of a coin's position at the last trade price. */
  unrealizedPnl(coin: string): string {
    const p = this.positionBook.get(coin);
    if (p === undefined) return '0';
    return toWire(new Dec(this.data.lastPrice(coin)).minus(p.entryPrice).mul(p.quantity).toDecimalPlaces(8));
  }

  private openOrder(id: number): FakeOrder {
    const order = this.orderBook.get(id);
    if (order === undefined) throw new FakeAccountError('unknown_order');
    if (order.status !== 'new' && order.status !== 'partially_filled') throw new FakeAccountError('not_open');
    return order;
  }

  private crossingPrice(order: FakeOrder): Dec | undefined {
    const book = this.data.book(order.coin);
    const [best] = (order.side === 'buy' ? book.asks[0] : book.bids[0]) ?? [];
    const opposite = new Dec(best ?? this.data.lastPrice(order.coin));
    if (order.type === 'market') return opposite;
    const crosses = order.side === 'buy' ? opposite.lte(order.price) : opposite.gte(order.price);
    return crosses ? opposite : undefined;
  }

  private fill(order: FakeOrder, size: Dec, price: Dec, maker: boolean): FakeFill {
    const filledBefore = new Dec(order.filled);
    const filled = filledBefore.plus(size);
    order.averagePrice = toWire(
      new Dec(order.averagePrice).mul(filledBefore).plus(price.mul(size)).div(filled).toDecimalPlaces(8),
    );
    order.filled = toWire(filled);
    order.status = filled.gte(order.quantity) ? 'filled' : 'partially_filled';
    order.updatedAt = this.data.now;
    const fee = price
      .mul(size)
      .mul(maker ? MAKER_FEE : TAKER_FEE)
      .toDecimalPlaces(8);
    const realized = this.applyToPosition(order.coin, order.side === 'buy' ? size : size.neg(), price);
    this.wallet = this.wallet.minus(fee).plus(realized);
    const fill: FakeFill = {
      id: this.nextFillId++,
      orderId: order.id,
      clientId: order.clientId,
      coin: order.coin,
      side: order.side,
      price: toWire(price),
      quantity: toWire(size),
      fee: toWire(fee),
      maker,
      realizedPnl: toWire(realized),
      time: this.data.now,
    };
    this.fillLog.push(fill);
    this.emit(order, 'trade', fill);
    return fill;
  }

  /** Moves the one-way position by a signed size; answers the PnL realised by the part that closes. */
  private applyToPosition(coin: string, signed: Dec, price: Dec): Dec {
    const current = this.positionBook.get(coin) ?? { quantity: new Dec(0), entryPrice: new Dec(0) };
    const sameWay = current.quantity.isZero() || current.quantity.isPositive() === signed.isPositive();
    if (sameWay) {
      const quantity = current.quantity.plus(signed);
      const entryPrice = current.quantity.mul(current.entryPrice).plus(signed.mul(price)).div(quantity);
      this.positionBook.set(coin, { quantity, entryPrice: entryPrice.toDecimalPlaces(8) });
      return new Dec(0);
    }
    const closing = Dec.min(signed.abs(), current.quantity.abs());
    const direction = current.quantity.isPositive() ? 1 : -1;
    const realized = price.minus(current.entryPrice).mul(closing).mul(direction).toDecimalPlaces(8);
    const quantity = current.quantity.plus(signed);
    const entryPrice = quantity.isZero() ? new Dec(0) : closing.lt(signed.abs()) ? price : current.entryPrice;
    this.positionBook.set(coin, { quantity, entryPrice });
    return realized;
  }

  private emit(order: FakeOrder, execution: FakeExecution, fill?: FakeFill): void {
    for (const listener of this.listeners) listener({ ...order }, execution, fill);
  }
}
