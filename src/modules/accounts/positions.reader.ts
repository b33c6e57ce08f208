import { Inject, Injectable } from '@nestjs/common';
import {
  netRealizedPnl,
  positionFromRecord,
  positionView,
  unrealizedPnl,
  type Position,
  type PositionRecord,
  type PositionView,
} from '../../domain/positions';
import { Dec, toWire } from '../../domain/shared/decimal';
import { EVENT_STORE_POOL } from '../../infrastructure/event-store/event-store.tokens';
import { RefreshAheadCache } from '../../infrastructure/concurrency/refresh-ahead-cache';
import type { SqlPool } from '../../infrastructure/event-store/sql-client';
import { AccountDirectory } from './account-directory';
import { TradingFeed } from './feed/trading-feed';
import { MarketInfo } from './venue/market-info';

export interface MarkedPosition {
  position: Position;
  mark: Dec | null;
}

export interface LedgerBalance {
  currency: string;
  initial: string;
  realizedPnl: string;
  fees: string;
  funding: string;
  /** initial + realized PnL - fees + funding. */
  wallet: string;
  unrealizedPnl: string;
  /** wallet + unrealized PnL at the mark. */
  equity: string;
}

/** The currency a symbol's PnL settles in: 'BTC/USDT:USDT' -> USDT, 'BTC/USD' -> USD. */
export function settleCurrencyOf(symbol: string): string {
  const colon = symbol.indexOf(':');
  if (colon >= 0) return symbol.slice(colon + 1);
  const slash = symbol.indexOf('/');
  return slash >= 0 ? symbol.slice(slash + 1) : symbol;
}

/**
 * How long the pre-trade check may reuse an account's positions. The read model is itself behind
 * the fills by a subscription; each change it commits here drops the reused copy at once.
 */
export const POSITIONS_REUSE_MS = 250;
/** From this age the positions are re-read in the background, so checks do not wait at each expiry. */
const POSITIONS_REFRESH_AFTER_MS = 150;

/** Positions and the ledger balances derived from them, at the venue's current marks. */
@Injectable()
export class PositionsReader {
  private readonly recent = new RefreshAheadCache<string, Position[]>((id) => this.records(id), {
    maxAgeMs: POSITIONS_REUSE_MS,
    refreshAfterMs: POSITIONS_REFRESH_AFTER_MS,
  });

  constructor(
    @Inject(EVENT_STORE_POOL) private readonly pool: SqlPool,
    private readonly accounts: AccountDirectory,
    private readonly markets: MarketInfo,
    feed: TradingFeed,
  ) {
    feed.subscribeAll('positions', (change) => this.recent.invalidate(change.accountId));
  }

  /** The positions for a pre-trade check: a read started at most POSITIONS_REUSE_MS ago, shared by concurrent checks. */
  async markedForCheck(accountId: string): Promise<MarkedPosition[]> {
    return this.mark(accountId, await this.recent.get(accountId));
  }

  async records(accountId: string): Promise<Position[]> {
    const { rows } = await this.pool.query<PositionRecord>(
      `SELECT symbol, quantity, cost, realized_pnl AS "realizedPnl", fees, funding
       FROM trading_positions WHERE account_id = $1 ORDER BY symbol`,
      [accountId],
    );
    return rows.map(positionFromRecord);
  }

  async marked(accountId: string): Promise<MarkedPosition[]> {
    return this.mark(accountId, await this.records(accountId));
  }

  private async mark(accountId: string, positions: Position[]): Promise<MarkedPosition[]> {
    const account = await this.accounts.identity(accountId);
    return Promise.all(
      positions.map(async (position) => ({
        position,
        mark: position.quantity.isZero() ? null : await this.markets.mark(account.exchange, position.symbol),
      })),
    );
  }

  async views(accountId: string): Promise<PositionView[]> {
    return (await this.marked(accountId)).map(({ position, mark }) => positionView(position, mark));
  }

  /** The ledger per currency; from `marked` when the caller has the positions already. */
  async balances(accountId: string, markedPositions?: MarkedPosition[]): Promise<LedgerBalance[]> {
    const account = await this.accounts.identity(accountId);
    const marked = markedPositions ?? (await this.marked(accountId));
    const currencies = new Set([
      ...Object.keys(account.initialBalances),
      ...marked.map((m) => settleCurrencyOf(m.position.symbol)),
    ]);
    return [...currencies].sort().map((currency) => {
      const mine = marked.filter((m) => settleCurrencyOf(m.position.symbol) === currency);
      const sum = (f: (m: MarkedPosition) => Dec) => mine.reduce((s, m) => s.plus(f(m)), new Dec(0));
      const initial = new Dec(account.initialBalances[currency] ?? '0');
      const wallet = initial.plus(sum((m) => netRealizedPnl(m.position)));
      const unrealized = sum((m) => (m.mark === null ? new Dec(0) : unrealizedPnl(m.position, m.mark)));
      return {
        currency,
        initial: toWire(initial),
        realizedPnl: toWire(sum((m) => m.position.realizedPnl)),
        fees: toWire(sum((m) => m.position.fees)),
        funding: toWire(sum((m) => m.position.funding)),
        wallet: toWire(wallet),
        unrealizedPnl: toWire(unrealized),
        equity: toWire(wallet.plus(unrealized)),
      };
    });
  }
}
