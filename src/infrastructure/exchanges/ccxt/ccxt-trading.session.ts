import type { Exchange } from 'ccxt';
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
import { asRecord, toVenueFill, toVenueOrder } from './ccxt-trading.mapper';
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

const SEEN_FILLS_KEPT = 10_000;

/**
 * One account on one venue: its own ccxt instance holding the account's credentials (read from the
 * environment variables the account names), so keys never sit on the shared market-data instance
 * and every error is redacted of them before it leaves.
 */
export class CcxtTradingSession implements TradingSession {
  private readonly credentials: VenueCredentials;
  private instance: Promise<Exchange> | undefined;
  private readonly seenFills = new Set<string>();
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
    const params: Record<string, unknown> = { clientOrderId: request.clientOrderId };
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
    return this.order(exchange, order);
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
    return this.order(resolved.exchange, order);
  }

  async cancelOrder(venueOrderId: string, symbol: string): Promise<VenueOrder> {
    const { exchange, symbol: unified } = await this.resolve(symbol);
    return this.order(exchange, await this.call(() => exchange.cancelOrder(venueOrderId, unified)));
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
    const raw = binanceAssets(balance.info);
    if (raw.length > 0) return raw;
    const format = this.numberToString(exchange);
    const totals = asRecord(balance.total);
    return Object.keys(totals).map((currency) => {
      const entry = asRecord(asRecord(balance)[currency]);
      const dec = (value: unknown): string => (typeof value === 'number' ? format(value) : '0');
      return { currency, total: dec(entry.total), free: dec(entry.free), used: dec(entry.used) };
    });
  }

  async fetchPositions(): Promise<VenuePosition[]> {
    const exchange = await this.exchange();
    const positions = await this.call(() => exchange.fetchPositions());
    const format = this.numberToString(exchange);
    return positions
      .filter((p) => typeof p.contracts === 'number' && p.contracts !== 0)
      .map((p) => {
        const info = asRecord(p.info);
        const signed = typeof info.positionAmt === 'string' ? info.positionAmt : undefined;
        const contracts = format(p.contracts ?? 0);
        return {
          symbol: p.symbol ?? '',
          quantity: signed ?? (p.side === 'short' ? `-${contracts}` : contracts),
          entryPrice: typeof info.entryPrice === 'string' ? info.entryPrice : format(p.entryPrice ?? 0),
          unrealizedPnl:
            typeof info.unRealizedProfit === 'string' ? info.unRealizedProfit : format(p.unrealizedPnl ?? 0),
          leverage: p.leverage ?? null,
        };
      });
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
        this.remember(fill.fillId);
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

  private order(exchange: Exchange, order: Parameters<typeof toVenueOrder>[0]): VenueOrder {
    return toVenueOrder(order, this.profile, this.numberToString(exchange));
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

  private remember(fillId: string): void {
    this.seenFills.add(fillId);
    if (this.seenFills.size > SEEN_FILLS_KEPT) {
      const oldest = this.seenFills.values().next();
      if (oldest.done !== true) this.seenFills.delete(oldest.value);
    }
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

/** Binance futures `account` info: the wallet's raw decimal strings per asset. */
function binanceAssets(info: unknown): VenueBalance[] {
  const assets = asRecord(info).assets;
  if (!Array.isArray(assets)) return [];
  return assets.map(asRecord).flatMap((a) => {
    const { asset, walletBalance, availableBalance } = a;
    if (
      typeof asset !== 'string' ||
      typeof walletBalance !== 'string' ||
      typeof availableBalance !== 'string'
    )
      return [];
    const used = (Number(walletBalance) - Number(availableBalance)).toFixed(8);
    return [{ currency: asset, total: walletBalance, free: availableBalance, used }];
  });
}
