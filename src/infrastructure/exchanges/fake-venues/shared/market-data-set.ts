/**
 * A venue-neutral, deterministic market: 1m candles, recent trades and an order book per coin.
 * Each fake venue renders it in its own wire format. Tests push new data through the methods below
 * and every fake turns the pushes into websocket messages.
 */
export const MINUTE_MS = 60_000;

export interface CoinSeed {
  /** The base coin, e.g. `BTC`; venues derive their ids (`BTCUSDT`, `BTC`) from it. */
  readonly coin: string;
  readonly startPrice: string;
  readonly priceDecimals: number;
  readonly qtyDecimals: number;
}

export interface Candle {
  readonly openTime: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  readonly quoteVolume: string;
  readonly trades: number;
  readonly closed: boolean;
}

export interface Trade {
  readonly id: number;
  readonly time: number;
  readonly price: string;
  readonly qty: string;
  readonly side: 'buy' | 'sell';
}

export type Level = readonly [price: string, size: string];

export interface BookDiff {
  readonly coin: string;
  readonly time: number;
  readonly firstUpdateId: number;
  readonly lastUpdateId: number;
  readonly previousUpdateId: number;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

export interface BookSnapshot {
  readonly updateId: number;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

export type MarketEvent =
  | { readonly kind: 'trade'; readonly coin: string; readonly trade: Trade }
  | { readonly kind: 'candle'; readonly coin: string; readonly candle: Candle }
  | { readonly kind: 'book'; readonly diff: BookDiff };

export const DEFAULT_COINS: readonly CoinSeed[] = [
  { coin: 'BTC', startPrice: '42000.0', priceDecimals: 1, qtyDecimals: 3 },
  { coin: 'ETH', startPrice: '2250.00', priceDecimals: 2, qtyDecimals: 3 },
];

/** 2024-03-01T00:00:00Z: minute-aligned so ccxt never rounds a `since` (VENUES.md). */
export const DEFAULT_START = Date.UTC(2024, 2, 1);

interface CoinState {
  readonly seed: CoinSeed;
  readonly candles: Candle[];
  readonly trades: Trade[];
  readonly bids: Map<string, string>;
  readonly asks: Map<string, string>;
  updateId: number;
}

export class MarketDataSet {
  private readonly coins = new Map<string, CoinState>();
  private readonly listeners = new Set<(event: MarketEvent) => void>();
  private nextTradeId = 5_000_000;

  constructor(
    seeds: readonly CoinSeed[] = DEFAULT_COINS,
    readonly startTime: number = DEFAULT_START,
    candleCount = 2_000,
  ) {
    for (const seed of seeds) this.coins.set(seed.coin, this.generate(seed, candleCount));
  }

  get coinNames(): string[] {
    return [...this.coins.keys()];
  }

  seed(coin: string): CoinSeed {
    return this.state(coin).seed;
  }

  /** The venue clock: half way through the newest candle. */
  get now(): number {
    let latest = this.startTime;
    for (const state of this.coins.values()) {
      const last = state.candles.at(-1);
      if (last && last.openTime > latest) latest = last.openTime;
    }
    return latest + MINUTE_MS / 2;
  }

  /** Candles of `intervalMs` (a multiple of one minute), oldest first. */
  candles(coin: string, intervalMs = MINUTE_MS): Candle[] {
    const minutes = this.state(coin).candles;
    if (intervalMs === MINUTE_MS) return [...minutes];
    const buckets = new Map<number, Candle[]>();
    for (const candle of minutes) {
      const bucket = Math.floor(candle.openTime / intervalMs) * intervalMs;
      const list = buckets.get(bucket) ?? [];
      list.push(candle);
      buckets.set(bucket, list);
    }
    return [...buckets.entries()].map(([openTime, group]) => aggregate(openTime, group));
  }

  trades(coin: string): Trade[] {
    return [...this.state(coin).trades];
  }

  book(coin: string): BookSnapshot {
    const state = this.state(coin);
    return {
      updateId: state.updateId,
      bids: sortedLevels(state.bids, 'desc'),
      asks: sortedLevels(state.asks, 'asc'),
    };
  }

  lastPrice(coin: string): string {
    const last = this.state(coin).candles.at(-1);
    return last ? last.close : this.state(coin).seed.startPrice;
  }

  subscribe(listener: (event: MarketEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pushTrade(coin: string, trade: Omit<Trade, 'id' | 'time'> & { time?: number }): Trade {
    const full: Trade = { ...trade, id: this.nextTradeId++, time: trade.time ?? this.now };
    this.state(coin).trades.push(full);
    this.emit({ kind: 'trade', coin, trade: full });
    return full;
  }

  /** Appends a candle, or replaces the newest one when `openTime` matches (an update in progress). */
  pushCandle(coin: string, candle: Candle): void {
    const candles = this.state(coin).candles;
    const last = candles.at(-1);
    if (last && last.openTime === candle.openTime) candles[candles.length - 1] = candle;
    else candles.push(candle);
    this.emit({ kind: 'candle', coin, candle });
  }

  /** Applies level changes (size `0` removes the level) and publishes them as one diff. */
  updateBook(coin: string, change: { bids?: readonly Level[]; asks?: readonly Level[] }): BookDiff {
    const state = this.state(coin);
    const bids = change.bids ?? [];
    const asks = change.asks ?? [];
    applyLevels(state.bids, bids);
    applyLevels(state.asks, asks);
    const previousUpdateId = state.updateId;
    const firstUpdateId = previousUpdateId + 1;
    state.updateId = previousUpdateId + Math.max(1, bids.length + asks.length);
    const diff: BookDiff = {
      coin,
      time: this.now,
      firstUpdateId,
      lastUpdateId: state.updateId,
      previousUpdateId,
      bids,
      asks,
    };
    this.emit({ kind: 'book', diff });
    return diff;
  }

  private emit(event: MarketEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private state(coin: string): CoinState {
    const state = this.coins.get(coin);
    if (!state) throw new Error(`unknown coin ${coin}`);
    return state;
  }

  private generate(seed: CoinSeed, count: number): CoinState {
    const scale = 10 ** seed.priceDecimals;
    const random = lcg(hash(seed.coin));
    let price = Math.round(Number(seed.startPrice) * scale);
    const step = Math.max(1, Math.round(price / 2_000));
    const candles: Candle[] = [];
    const trades: Trade[] = [];
    for (let i = 0; i < count; i += 1) {
      const open = price;
      const close = open + Math.round((random() - 0.5) * 4 * step);
      const high = Math.max(open, close) + Math.round(random() * step);
      const low = Math.min(open, close) - Math.round(random() * step);
      const qty = 1 + Math.floor(random() * 50_000);
      const openTime = this.startTime + i * MINUTE_MS;
      const fmt = (ticks: number): string => fixed(ticks, seed.priceDecimals);
      candles.push({
        openTime,
        open: fmt(open),
        high: fmt(high),
        low: fmt(low),
        close: fmt(close),
        volume: fixed(qty, seed.qtyDecimals),
        quoteVolume: ((qty / 10 ** seed.qtyDecimals) * (close / scale)).toFixed(4),
        trades: 1 + Math.floor(random() * 300),
        closed: i < count - 1,
      });
      if (i >= count - 300) {
        const side = random() < 0.5 ? 'buy' : 'sell';
        const tradeQty = fixed(1 + Math.floor(random() * 2_000), seed.qtyDecimals);
        trades.push({
          id: this.nextTradeId++,
          time: openTime + 30_000,
          price: fmt(close),
          qty: tradeQty,
          side,
        });
      }
      price = close;
    }
    const bids = new Map<string, string>();
    const asks = new Map<string, string>();
    for (let level = 1; level <= 20; level += 1) {
      bids.set(fixed(price - level * step, seed.priceDecimals), fixed(level * 137, seed.qtyDecimals));
      asks.set(fixed(price + level * step, seed.priceDecimals), fixed(level * 151, seed.qtyDecimals));
    }
    return { seed, candles, trades, bids, asks, updateId: 1_000_000 };
  }
}

function aggregate(openTime: number, group: readonly Candle[]): Candle {
  const first = group[0];
  const last = group[group.length - 1];
  if (!first || !last) throw new Error('empty candle group');
  const max = (a: string, b: string): string => (Number(b) > Number(a) ? b : a);
  const min = (a: string, b: string): string => (Number(b) < Number(a) ? b : a);
  const decimals = (first.volume.split('.')[1] ?? '').length;
  return {
    openTime,
    open: first.open,
    close: last.close,
    high: group.map((c) => c.high).reduce(max),
    low: group.map((c) => c.low).reduce(min),
    volume: group.reduce((sum, c) => sum + Number(c.volume), 0).toFixed(decimals),
    quoteVolume: group.reduce((sum, c) => sum + Number(c.quoteVolume), 0).toFixed(4),
    trades: group.reduce((sum, c) => sum + c.trades, 0),
    closed: last.closed,
  };
}

function applyLevels(side: Map<string, string>, levels: readonly Level[]): void {
  for (const [price, size] of levels) {
    if (Number(size) === 0) side.delete(price);
    else side.set(price, size);
  }
}

function sortedLevels(side: Map<string, string>, order: 'asc' | 'desc'): Level[] {
  const levels = [...side.entries()].map(([price, size]): Level => [price, size]);
  return levels.sort((a, b) => (order === 'asc' ? 1 : -1) * (Number(a[0]) - Number(b[0])));
}

/** An integer count of 10^-decimals units as a decimal string. */
export function fixed(units: number, decimals: number): string {
  if (decimals === 0) return String(units);
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

function hash(text: string): number {
  let value = 2_166_136_261;
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 16_777_619) >>> 0;
  return value;
}

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}
