import { Dec, floorToStep, toWire } from '../../src/domain/shared/decimal';
import { BadSymbolError } from '../../src/infrastructure/exchanges/exchange.errors';
import type { TradingSession } from '../../src/infrastructure/exchanges/exchange-adapter.port';
import type { VenueFill, VenueOrder } from '../../src/infrastructure/exchanges/trading.types';
import { expectBalancesAddUp, expectDecimalString } from './contract-assertions';
import { StreamProbe } from './stream-probe';
import type { ContractContext } from './contract-context';
import type { ContractTrading } from './contract-harness';

function tradingOf(ctx: ContractContext): ContractTrading {
  const trading = ctx.harness.trading;
  if (trading === undefined) throw new Error('the contract was told about trading the harness does not give');
  return trading;
}

function expectOrderShape(order: VenueOrder, symbol: string): void {
  expect(order.symbol).toBe(symbol);
  expect(typeof order.venueOrderId).toBe('string');
  expectDecimalString(order.quantity, 'order quantity');
  expectDecimalString(order.filled, 'order filled');
  if (order.price !== null) expectDecimalString(order.price, 'order price');
  if (order.averagePrice !== null) expectDecimalString(order.averagePrice, 'order averagePrice');
}

/** The signed position quantity of the symbol ('0' when flat or absent). */
async function positionQuantity(session: TradingSession, symbol: string): Promise<Dec> {
  const positions = await session.fetchPositions();
  for (const p of positions) expectDecimalString(p.quantity, 'position quantity');
  const position = positions.find((p) => p.symbol === symbol);
  return new Dec(position?.quantity ?? '0');
}

/**
 * One order's life on a fresh account: placed (resting), partly filled, amended, cancelled, with
 * orders, fills, positions and balances agreeing at every step. The cases run in order and share
 * the order.
 */
export function describeTradingContract(ctx: ContractContext, partialFill: boolean): void {
  describe('trading', () => {
    let session: TradingSession;
    let order: VenueOrder;
    let filledAfterFill = new Dec(0);
    let ownOrders: StreamProbe<VenueOrder>;
    let ownFills: StreamProbe<VenueFill>;

    beforeAll(async () => {
      session = ctx.harness.adapter.trading(tradingOf(ctx).account);
      ownOrders = new StreamProbe(session.watchOrders());
      ownFills = new StreamProbe(session.watchFills());
      await tradingOf(ctx).privateStreamsReady?.();
    });

    afterAll(async () => {
      await session.close();
    });

    it('places a resting limit order', async () => {
      const { adapter, symbol } = ctx.harness;
      const market = await adapter.market(symbol);
      const book = await adapter.fetchOrderBook(symbol, 5);
      const [bestBid] = book.bids[0] ?? [];
      if (bestBid === undefined) throw new Error('the book has no bids to price a resting order from');
      const price = floorToStep(new Dec(bestBid).mul('0.97'), new Dec(market.tickSize));
      const quantity = tradingOf(ctx).orderQuantity ?? market.minQuantity;
      const clientOrderId = `contract-${Date.now()}`;
      order = await session.createOrder({
        clientOrderId,
        symbol,
        side: 'buy',
        type: 'limit',
        quantity,
        price: toWire(price),
        timeInForce: 'gtc',
      });
      expectOrderShape(order, symbol);
      expect(order.status).toBe('open');
      expect(order.clientOrderId).toBe(clientOrderId);
      expect(new Dec(order.quantity).eq(quantity)).toBe(true);
      expect(new Dec(order.price ?? 'NaN').eq(price)).toBe(true);
      expect(new Dec(order.filled).isZero()).toBe(true);
      const open = await session.fetchOpenOrders(symbol);
      expect(open.map((o) => o.venueOrderId)).toContain(order.venueOrderId);
      expect((await session.fetchOrder(order.venueOrderId, symbol)).status).toBe('open');
      expect((await positionQuantity(session, symbol)).isZero()).toBe(true);
      expectBalancesAddUp(await session.fetchBalances());
    });

    if (partialFill) {
      it('fills partly: order, fills and position agree', async () => {
        const { symbol } = ctx.harness;
        const fill = tradingOf(ctx).makeOrderPartlyFill;
        if (fill === undefined) throw new Error('the harness gives no makeOrderPartlyFill');
        await fill(order);
        const current = await session.fetchOrder(order.venueOrderId, symbol);
        expectOrderShape(current, symbol);
        expect(current.status).toBe('partially_filled');
        filledAfterFill = new Dec(current.filled);
        expect(filledAfterFill.gt(0)).toBe(true);
        expect(filledAfterFill.lt(current.quantity)).toBe(true);
        const fills = (await session.fetchFills({ symbol })).filter(
          (f) => f.venueOrderId === order.venueOrderId,
        );
        expect(fills.length).toBeGreaterThan(0);
        for (const f of fills) {
          expectDecimalString(f.price, 'fill price');
          expectDecimalString(f.quantity, 'fill quantity');
          expectDecimalString(f.fee, 'fill fee');
          expect(['maker', 'taker']).toContain(f.liquidity);
        }
        const fillTotal = fills.reduce((sum, f) => sum.plus(f.quantity), new Dec(0));
        expect(fillTotal.eq(filledAfterFill)).toBe(true);
        expect((await positionQuantity(session, symbol)).eq(filledAfterFill)).toBe(true);
        expectBalancesAddUp(await session.fetchBalances());
      });
    }

    it('amends the price of the open order', async () => {
      const { adapter, symbol } = ctx.harness;
      const market = await adapter.market(symbol);
      const book = await adapter.fetchOrderBook(symbol, 5);
      const [bestBid] = book.bids[0] ?? [];
      if (bestBid === undefined) throw new Error('the book has no bids to price the amendment from');
      const price = floorToStep(new Dec(bestBid).mul('0.95'), new Dec(market.tickSize));
      const amended = await session.amendOrder(order.venueOrderId, symbol, { price: toWire(price) });
      expectOrderShape(amended, symbol);
      expect(amended.venueOrderId).toBe(order.venueOrderId);
      expect(['open', 'partially_filled']).toContain(amended.status);
      expect(new Dec(amended.price ?? 'NaN').eq(price)).toBe(true);
      expect(new Dec(amended.filled).eq(filledAfterFill)).toBe(true);
      const fetched = await session.fetchOrder(order.venueOrderId, symbol);
      expect(new Dec(fetched.price ?? 'NaN').eq(price)).toBe(true);
    });

    it('cancels the order: no longer open, fills and position kept, balances add up', async () => {
      const { symbol } = ctx.harness;
      const cancelled = await session.cancelOrder(order.venueOrderId, symbol);
      expectOrderShape(cancelled, symbol);
      expect(cancelled.status).toBe('cancelled');
      expect(new Dec(cancelled.filled).eq(filledAfterFill)).toBe(true);
      const open = await session.fetchOpenOrders(symbol);
      expect(open.map((o) => o.venueOrderId)).not.toContain(order.venueOrderId);
      expect((await session.fetchOrder(order.venueOrderId, symbol)).status).toBe('cancelled');
      expect((await positionQuantity(session, symbol)).eq(filledAfterFill)).toBe(true);
      expectBalancesAddUp(await session.fetchBalances());
    });

    it('streams its own order updates and new fills, each fill once', async () => {
      const { symbol } = ctx.harness;
      const isOurs = (o: VenueOrder): boolean => o.venueOrderId === order.venueOrderId;
      const opened = await ownOrders.waitForMatch(
        (o) => isOurs(o) && o.status === 'open',
        'open order update',
      );
      expectOrderShape(opened, symbol);
      await ownOrders.waitForMatch((o) => isOurs(o) && o.status === 'cancelled', 'cancelled order update');
      if (!partialFill) return;
      await ownOrders.waitForMatch(
        (o) => isOurs(o) && o.status === 'partially_filled',
        'partial fill update',
      );
      await ownFills.waitForMatch((f) => f.venueOrderId === order.venueOrderId, 'fill of the order');
      const fills = ownFills.items.filter((f) => f.venueOrderId === order.venueOrderId);
      expect(new Set(fills.map((f) => f.fillId)).size).toBe(fills.length);
      const streamed = fills.reduce((sum, f) => sum.plus(f.quantity), new Dec(0));
      expect(streamed.eq(filledAfterFill)).toBe(true);
      for (const f of fills) {
        expect(f.symbol).toBe(symbol);
        expectDecimalString(f.price, 'streamed fill price');
        expectDecimalString(f.fee, 'streamed fill fee');
      }
    });

    it('refuses an order on an unknown symbol with BadSymbolError', async () => {
      await expect(
        session.createOrder({
          clientOrderId: `contract-bad-${Date.now()}`,
          symbol: 'NOSUCHCOIN/USDT:USDT',
          side: 'buy',
          type: 'market',
          quantity: '1',
        }),
      ).rejects.toBeInstanceOf(BadSymbolError);
    });
  });
}
