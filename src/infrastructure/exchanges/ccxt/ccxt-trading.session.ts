import type { Exchange, Order as CcxtOrder } from 'ccxt';
import type { TradingAccount, TradingSession } from '../exchange-adapter.port';
import type {
  AmendRequest,
  VenueBalance,
  VenueFill,
  VenueFunding,
  VenueOrder,
  VenueOrderRequest,
  VenuePosition,
} from '../trading.types';
import { toVenueError } from './ccxt-error.mapper';
import { createCcxtExchange, type Env } from './ccxt-exchange.factory';
import { toVenueBalances, toVenuePositions } from './ccxt-account.mapper';
import { asRecord, toVenueFill, toVenueOrder } from './ccxt-trading.mapper';
import { BoundedMap } from '../../collections/bounded-map';
import { resilientWatch, type BackoffPolicy } from './resilient-stream';
import { readCredentials, type VenueCredentials } from './venue-credentials';
import type { VenueLogger } from './venue-logger';
import type { VenueProfile } from './venue-profile';

export interface TradingSessionDeps {
  readonly env: Env;
  readonly logger: VenueLogger;
  readonly backoff?: BackoffPolicy;
  readonly marketData: { ccxtMarket(exchange: Exchange, symbol: string): Promise<{ symbol: string }> };
  readonly onClose: () => void;
}

const IDS_KEPT = 10_000;

/**
 * One account on one venue: its own ccxt instance holding the account's credentials (read from the
 * environment variables the account names), so keys never sit on the shared market-data instance
 * and every error is redacted of them before it leaves.
 */
export class CcxtTradingSession implements TradingSession {
  private readonly credentials: VenueCredentials;
  private instance: Promise<Exchange> | undefined;
  private readonly seenFills = new BoundedMap<string, true>(IDS_KEPT);
  /** The venue's client order ids of this session's orders → ours (profile.venueClientOrderId). */
  private readonly clientIds = new BoundedMap<string, string>(IDS_KEPT);
  private closed = false;

  constructor(
    private readonly profile: VenueProfile,
    private readonly account: TradingAccount,
    private readonly deps: TradingSessionDeps,
  ) {
    this.credentials = readCredentials(profile, account, deps.env);
  }

  async createOrder(request: VenueOrderRequest): Promise<VenueOrder> {
    const { exchange, symbol } = await this.resolve(request.symbol);
    const params: Record<string, unknown> = { clientOrderId: this.venueClientOrderId(request.clientOrderId) };
    if (request.reduceOnly === true) params.reduceOnly = true;
    if (request.triggerPrice !== undefined) params.triggerPrice = request.triggerPrice;
    if (request.timeInForce === 'post_only') params.postOnly = true;
    else if (request.timeInForce !== undefined) params.timeInForce = request.timeInForce.toUpperCase();
    const ccxtType = request.type === 'market' || request.type.endsWith('_market') ? 'market' : 'limit';
    // ccxt rounds amounts and prices to the market's lot and tick as decimal strings; decimal
    // strings pass through its precision helpers untouched by binary floats.
    const order = await this.call(() =>
      exchange.createOrder(
        symbol,
        ccxtType,
        request.side,
        toCcxtNumber(request.quantity),
        price(request.price),
        params,
      ),
    );
    return this.order(exchange, await this.complete(exchange, order, symbol));
  }

  async amendOrder(venueOrderId: string, symbol: string, amend: AmendRequest): Promise<VenueOrder> {
    const resolved = await this.resolve(symbol);
    const current = await this.call(() => resolved.exchange.fetchOrder(venueOrderId, resolved.symbol));
    const quantity = amend.quantity ?? String(current.amount);
    const newPrice = amend.price ?? (current.price === undefined ? undefined : String(current.price));
    const order = await this.call(() =>
      resolved.exchange.editOrder(
        venueOrderId,
        resolved.symbol,
        current.type ?? 'limit',
        current.side,
        toCcxtNumber(quantity),
        price(newPrice),
      ),
    );
    return this.order(
      resolved.exchange,
      await this.complete(resolved.exchange, order, resolved.symbol, venueOrderId),
    );
  }

  async cancelOrder(venueOrderId: string, symbol: string): Promise<VenueOrder> {
    const { exchange, symbol: unified } = await this.resolve(symbol);
    const order = await this.call(() => exchange.cancelOrder(venueOrderId, unified));
    return this.order(exchange, await this.complete(exchange, order, unified, venueOrderId));
  }

  async fetchOrder(venueOrderId: string, symbol: string): Promise<VenueOrder> {
    const { exchange, symbol: unified } = await this.resolve(symbol);
    return this.order(exchange, await this.call(() => exchange.fetchOrder(venueOrderId, unified)));
  }

  async fetchOpenOrders(symbol?: string): Promise<VenueOrder[]> {
    const exchange = await this.exchange();
    const unified = symbol === undefined ? undefined : (await this.resolve(symbol)).symbol;
    const orders = await this.call(() => exchange.fetchOpenOrders(unified));
    return orders.map((order) => this.order(exchange, order));
  }

  async fetchFills(options: { symbol?: string; since?: number } = {}): Promise<VenueFill[]> {
    const exchange = await this.exchange();
    const unified = options.symbol === undefined ? undefined : (await this.resolve(options.symbol)).symbol;
    const trades = await this.call(() => exchange.fetchMyTrades(unified, options.since));
    return trades
      .map((trade) => toVenueFill(trade, this.profile, this.numberToString(exchange)))
      .filter((fill): fill is VenueFill => fill !== undefined)
      .sort((a, b) => a.timestamp - b.timestamp);
  }

  async fetchBalances(): Promise<VenueBalance[]> {
    const exchange = await this.exchange();
    const balance = await this.call(() => exchange.fetchBalance());
    return toVenueBalances(balance, this.profile, this.numberToString(exchange));
  }

  async fetchPositions(): Promise<VenuePosition[]> {
    const exchange = await this.exchange();
    const positions = await this.call(() => exchange.fetchPositions());
    return toVenuePositions(positions, this.numberToString(exchange));
  }

  async *watchOrders(): AsyncIterable<VenueOrder> {
    const exchange = await this.exchange();
    const stream = this.watch(
      exchange,
      'orders',
      () => exchange.watchOrders(),
      () => Promise.resolve(),
    );
    for await (const orders of stream) for (const order of orders) yield this.order(exchange, order);
  }

  async *watchFills(): AsyncIterable<VenueFill> {
    const exchange = await this.exchange();
    const stream = this.watch(
      exchange,
      'fills',
      () => exchange.watchMyTrades(),
      () => Promise.resolve(),
    );
    for await (const trades of stream) {
      for (const trade of trades) {
        const fill = toVenueFill(trade, this.profile, this.numberToString(exchange));
        if (fill === undefined || this.seenFills.has(fill.fillId)) continue;
        this.seenFills.set(fill.fillId, true);
        yield fill;
      }
    }
  }

  /** Funding is not streamed by ccxt: the venue's funding history is polled instead. */
  async *watchFunding(): AsyncIterable<VenueFunding> {
    const exchange = await this.exchange();
    if (exchange.has.fetchFundingHistory !== true) return;
    let since = Date.now();
    while (!this.closed) {
      await new Promise((resolve) => setTimeout(resolve, 60_000).unref());
      if (this.closed) return;
      const history = await this.call(() => exchange.fetchFundingHistory(undefined, since));
      for (const entry of history) {
        since = Math.max(since, (entry.timestamp ?? since) + 1);
        const info = asRecord(entry.info);
        yield {
          symbol: entry.symbol ?? '',
          amount: typeof info.income === 'string' ? info.income : String(entry.amount),
          rate: '0',
          timestamp: entry.timestamp ?? since,
        };
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.deps.onClose();
    const instance = this.instance;
    this.instance = undefined;
    if (instance) await (await instance).close();
  }

  private exchange(): Promise<Exchange> {
    this.instance ??= createCcxtExchange(this.profile, this.deps.env, this.credentials.fields).then(
      (created) => created.exchange,
    );
    return this.instance;
  }

  private async resolve(symbol: string): Promise<{ exchange: Exchange; symbol: string }> {
    const exchange = await this.exchange();
    try {
      return { exchange, symbol: (await this.deps.marketData.ccxtMarket(exchange, symbol)).symbol };
    } catch (error: unknown) {
      throw this.mapError(exchange, error);
    }
  }

  /**
   * Bybit and Hyperliquid answer a create / amend / cancel with ids (and a status) only: the order
   * as a whole is then read back, so every caller gets quantities, prices and the fill state.
   */
  private async complete(
    exchange: Exchange,
    order: CcxtOrder,
    symbol: string,
    knownId?: string,
  ): Promise<CcxtOrder> {
    if (order.amount !== undefined && order.status !== undefined && order.symbol !== undefined) return order;
    // The id the venue answered wins: a venue that replaces an order on amend answers the new one.
    const id = order.id ?? knownId;
    return this.call(() => exchange.fetchOrder(String(id), symbol));
  }

  private order(exchange: Exchange, order: Parameters<typeof toVenueOrder>[0]): VenueOrder {
    const mapped = toVenueOrder(order, this.profile, this.numberToString(exchange));
    const ours = mapped.clientOrderId === null ? undefined : this.clientIds.get(mapped.clientOrderId);
    return ours === undefined ? mapped : { ...mapped, clientOrderId: ours };
  }

  /** Ours, or the venue's form of it (remembered, so answers carry ours again). */
  private venueClientOrderId(clientOrderId: string): string {
    const venueForm = this.profile.venueClientOrderId?.(clientOrderId);
    if (venueForm === undefined) return clientOrderId;
    this.clientIds.set(venueForm, clientOrderId);
    return venueForm;
  }

  private numberToString(exchange: Exchange): (value: number) => string {
    return (value) => String(exchange.numberToString(value));
  }

  private watch<T>(exchange: Exchange, name: string, watch: () => Promise<T>, unwatch: () => Promise<void>) {
    return resilientWatch({
      name: `${this.profile.id} ${name} ${this.account.accountId}`,
      watch,
      unwatch,
      isClosed: () => this.closed,
      mapError: (error) => this.mapError(exchange, error),
      logger: this.deps.logger,
      backoff: this.deps.backoff,
    });
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    const exchange = await this.exchange();
    try {
      return await request();
    } catch (error: unknown) {
      const mapped = this.mapError(exchange, error);
      this.deps.logger.warn(
        { exchange: this.profile.id, accountId: this.account.accountId, error: mapped.message },
        'venue call failed',
      );
      throw mapped;
    }
  }

  private mapError(exchange: Exchange, error: unknown): Error {
    return toVenueError(error, { exchange, profile: this.profile, secrets: this.credentials.secrets });
  }
}

/**
 * ccxt's TS signatures say `number`, but its precision helpers take decimal strings as they are;
 * passing the string keeps "0.1" from ever becoming 0.1000000000000000055.
 */
function toCcxtNumber(decimal: string): number {
  return decimal as unknown as number;
}

function price(decimal: string | undefined): number | undefined {
  return decimal === undefined ? undefined : toCcxtNumber(decimal);
}
