import { Inject, Injectable } from '@nestjs/common';
import type { OrderSide } from '../../domain/orders';
import type { OpenQuantity } from '../../domain/risk';
import { Dec } from '../../domain/shared/decimal';
import { RefreshAheadCache } from '../../infrastructure/concurrency/refresh-ahead-cache';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import type { SqlPool } from '../../infrastructure/event-store/sql-client';
import type { OpenQuantitySource } from '../risk';
import { OPEN_STATUSES, OPEN_STATUS_SQL } from './orders.repository';

/** How long a read of an account's open orders is reused by the placements that follow. */
export const OPEN_ORDERS_REUSE_MS = 250;
/** From this age the open orders are re-read in the background, so placements do not wait at each expiry. */
const OPEN_ORDERS_REFRESH_AFTER_MS = 150;

/** A reservation older than this is dropped even if never seen: the projection is not that far behind. */
const RESERVATION_MAX_AGE_MS = 60_000;

interface OpenRow {
  orderId: string;
  symbol: string;
  side: OrderSide;
  remaining: Dec;
}

interface Read {
  rows: OpenRow[];
  /** Order ids the read saw (open, or reserved and found closed): their reservations are done. */
  seen: Set<string>;
}

interface Reservation {
  orderId: string;
  symbol: string;
  side: OrderSide;
  quantity: Dec;
  at: number;
}

/** Open quantity per symbol and side. */
type Totals = Map<string, { buy: Dec; sell: Dec }>;

interface AccountBook {
  /** Reads are numbered as they start: a read never replaces a newer one. */
  started: number;
  last: Read | null;
  /** The last read's rows summed once, not per placement. */
  lastTotals: Totals;
  lastSeq: number;
  reservations: Map<number, Reservation>;
  /** The reservations summed as they come and go: a placement's check costs the same at any rate. */
  reservedTotals: Totals;
}

function addTo(totals: Totals, symbol: string, side: OrderSide, quantity: Dec): void {
  const t = totals.get(symbol) ?? { buy: new Dec(0), sell: new Dec(0) };
  totals.set(
    symbol,
    side === 'buy' ? { ...t, buy: t.buy.plus(quantity) } : { ...t, sell: t.sell.plus(quantity) },
  );
}

/**
 * Open buy / sell quantity per account and symbol for the pre-trade check: the orders read model
 * (reused up to 250 ms, like the open-order count) plus a reservation for every placement that passed
 * the check and is not yet visible there. A reservation ends when a read sees its order (open or
 * already closed), or when its placement recorded nothing (release). Errs high: an order that closed
 * since the last read still counts until the next one.
 */
@Injectable()
export class OpenOrderExposure {
  private readonly books = new Map<string, AccountBook>();
  /** When each account's book was last read, and the read in flight: the book itself is in `books`. */
  private readonly reads = new RefreshAheadCache<string, void>((id) => this.refresh(id), {
    maxAgeMs: OPEN_ORDERS_REUSE_MS,
    refreshAfterMs: OPEN_ORDERS_REFRESH_AFTER_MS,
  });
  private nextToken = 1;

  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  /** The source the pre-trade gate reads, optionally without one order (an amend replaces it). */
  source(accountId: string, exceptOrderId?: string): OpenQuantitySource {
    return {
      load: () => this.load(accountId),
      current: () => this.current(accountId, exceptOrderId),
    };
  }

  /** A placement passed: its quantity is open from now on. Returns the token to release it with. */
  reserve(accountId: string, orderId: string, symbol: string, side: OrderSide, quantity: Dec): number {
    const token = this.nextToken++;
    const now = Date.now();
    // Oldest first (insertion order): drop the expired ones from the front, so none lingers unread.
    const book = this.book(accountId);
    for (const [old, r] of book.reservations) {
      if (r.at >= now - RESERVATION_MAX_AGE_MS) break;
      this.drop(book, old);
    }
    const reservation = { orderId, symbol, side, quantity, at: now };
    book.reservations.set(token, reservation);
    addTo(book.reservedTotals, symbol, side, quantity);
    return token;
  }

  /** The placement recorded nothing new (a repeat, or the append failed). */
  release(accountId: string, token: number): void {
    const book = this.books.get(accountId);
    if (book !== undefined) this.drop(book, token);
  }

  private drop(book: AccountBook, token: number): void {
    const r = book.reservations.get(token);
    if (r === undefined) return;
    book.reservations.delete(token);
    addTo(book.reservedTotals, r.symbol, r.side, r.quantity.neg());
  }

  /**
   * Brings the account's open orders up to date for a placement: a read started less than
   * OPEN_ORDERS_REUSE_MS ago is used as it is (past OPEN_ORDERS_REFRESH_AFTER_MS, with the next read
   * started in the background); else the placement waits for a read.
   */
  async load(accountId: string): Promise<void> {
    await this.reads.get(accountId);
  }

  /** Reads the account's open orders (and its reserved ones found closed) into its book. */
  private async refresh(accountId: string): Promise<void> {
    const book = this.book(accountId);
    const reservedIds = [...new Set([...book.reservations.values()].map((r) => r.orderId))];
    const seq = ++book.started;
    this.apply(book, await this.read(accountId, reservedIds), seq);
  }

  /** A read replaces only an older one (and ends reservations with it), so none is counted twice or lost. */
  private apply(book: AccountBook, read: Read, seq: number): void {
    if (seq <= book.lastSeq) return;
    book.last = read;
    book.lastTotals = new Map();
    for (const r of read.rows) addTo(book.lastTotals, r.symbol, r.side, r.remaining);
    book.lastSeq = seq;
    const cutoff = Date.now() - RESERVATION_MAX_AGE_MS;
    for (const [token, r] of book.reservations) {
      if (read.seen.has(r.orderId) || r.at < cutoff) this.drop(book, token);
    }
  }

  /**
   * The last read plus the reservations its orders are not among (a read ends those it sees, so the
   * running sums are that). Without `exceptOrderId` (an amend's own order), whose share is taken out.
   */
  /**
   * For max_open_orders: the orders the last read found open plus those reserved since and not yet
   * seen by a read. Like the quantities, it errs high (an order closed since the read still counts).
   */
  openOrderCount(accountId: string): number {
    const book = this.book(accountId);
    return (book.last?.rows.length ?? 0) + book.reservations.size;
  }

  current(accountId: string, exceptOrderId?: string): OpenQuantity[] {
    const book = this.book(accountId);
    const totals: Totals = new Map();
    for (const source of [book.lastTotals, book.reservedTotals])
      for (const [symbol, t] of source) {
        addTo(totals, symbol, 'buy', t.buy);
        addTo(totals, symbol, 'sell', t.sell);
      }
    if (exceptOrderId !== undefined) {
      for (const r of book.last?.rows ?? [])
        if (r.orderId === exceptOrderId) addTo(totals, r.symbol, r.side, r.remaining.neg());
      for (const r of book.reservations.values())
        if (r.orderId === exceptOrderId) addTo(totals, r.symbol, r.side, r.quantity.neg());
    }
    return [...totals].map(([symbol, t]) => ({ symbol, ...t }));
  }

  private book(accountId: string): AccountBook {
    let book = this.books.get(accountId);
    if (book === undefined) {
      book = {
        started: 0,
        last: null,
        lastTotals: new Map(),
        lastSeq: 0,
        reservations: new Map(),
        reservedTotals: new Map(),
      };
      this.books.set(accountId, book);
    }
    return book;
  }

  private async read(accountId: string, reservedIds: string[]): Promise<Read> {
    const { rows } = await this.pool.query<{
      order_id: string;
      status: string;
      symbol: string;
      side: string;
      remaining: string;
    }>(
      // The open orders (a partial index), then the reserved ones found closed (by key): an OR of
      // the two would read every order the account ever placed.
      `SELECT order_id, status, symbol, view->>'side' AS side, view->>'remaining' AS remaining
         FROM trading_orders WHERE account_id = $1 AND ${OPEN_STATUS_SQL}
       UNION ALL
       SELECT order_id, status, symbol, view->>'side', view->>'remaining'
         FROM trading_orders WHERE order_id = ANY($2::text[]) AND account_id = $1 AND NOT (${OPEN_STATUS_SQL})`,
      [accountId, reservedIds],
    );
    const open = new Set<string>(OPEN_STATUSES);
    return {
      rows: rows
        .filter((r) => open.has(r.status))
        .map((r) => ({
          orderId: r.order_id,
          symbol: r.symbol,
          side: r.side as OrderSide,
          remaining: new Dec(r.remaining ?? '0'),
        })),
      seen: new Set(rows.map((r) => r.order_id)),
    };
  }
}
