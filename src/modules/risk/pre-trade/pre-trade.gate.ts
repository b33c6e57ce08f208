import { Injectable } from '@nestjs/common';
import {
  checkPreTrade,
  type AccountRiskState,
  type AccountRiskSnapshot,
  type MarketSnapshot,
  type OpenQuantity,
  type PreTradeOrder,
  type PreTradeResult,
} from '../../../domain/risk';
import { Dec } from '../../../domain/shared/decimal';
import { PositionsReader, MarketInfo } from '../../accounts';
import { EquityWatermarksRepository } from '../monitor/equity-watermarks.repository';
import { totalEquity } from './account-equity';

export interface PreTradeRequest {
  readonly accountId: string;
  readonly exchange: string;
  readonly order: PreTradeOrder;
  /**
   * Open buy / sell quantity per symbol, for worst-case limits and the risk-reducing test, and the
   * open-order count for max_open_orders. `load` brings the read up to date (async); the rest answer
   * synchronously, so the check and the reservation made when the order passes happen in one step
   * with no other placement in between.
   */
  readonly openQuantities?: OpenQuantitySource;
  readonly now: string;
}

export interface OpenQuantitySource {
  load(): Promise<void>;
  current(): readonly OpenQuantity[];
  /** Open orders, for max_open_orders; omitted when the order adds none (an amend). */
  count?(): number;
  /** The order passed a check that read open quantities or orders: it counts as open from now on. */
  reserve?(): void;
}

/**
 * An account's placement times (epoch ms), oldest first. Those before `head` are out of the window
 * but not yet dropped: the check counts from the newest, so they cost nothing there.
 */
interface PlacementTimes {
  times: number[];
  head: number;
}

/** Placements remembered per account for max_orders_per_second: the last second is all that matters. */
const RATE_WINDOW_MS = 1000;

/**
 * The pre-trade check's inputs, gathered only as far as the policy needs them (an account without
 * limits costs nothing here), then the pure checkPreTrade. The order rate is counted in process from
 * the placements this instance accepted: exact for one instance, per instance with several.
 */
@Injectable()
export class PreTradeGate {
  private readonly placements = new Map<string, PlacementTimes>();

  constructor(
    private readonly positions: PositionsReader,
    private readonly markets: MarketInfo,
    private readonly watermarks: EquityWatermarksRepository,
  ) {}

  async check(request: PreTradeRequest, risk: AccountRiskState): Promise<PreTradeResult> {
    const { policy, status } = risk;
    const newRiskRules =
      policy.allowedSymbols !== null ||
      policy.maxOrderNotional !== null ||
      policy.maxPositionNotional !== null ||
      policy.maxGrossExposure !== null ||
      policy.maxDailyLoss !== null ||
      policy.maxDrawdownPct !== null;
    const needsPositions = status !== 'ACTIVE' || newRiskRules;
    const needsEquity = policy.maxDailyLoss !== null || policy.maxDrawdownPct !== null;
    const needsMark =
      policy.priceBandPct !== null ||
      policy.maxOrderNotional !== null ||
      policy.maxPositionNotional !== null ||
      policy.maxGrossExposure !== null;
    if (
      !needsPositions &&
      !needsMark &&
      policy.maxOpenOrders === null &&
      policy.maxOrdersPerSecond === null
    ) {
      return { ok: true, violations: [] };
    }
    const countsOpenOrders = policy.maxOpenOrders !== null && request.openQuantities?.count !== undefined;
    const [marked, mark, watermarks] = await Promise.all([
      needsPositions ? this.positions.markedForCheck(request.accountId) : Promise.resolve([]),
      needsMark ? this.markets.mark(request.exchange, request.order.symbol) : Promise.resolve(null),
      needsEquity ? this.watermarks.get(request.accountId) : Promise.resolve(null),
      needsPositions || countsOpenOrders ? request.openQuantities?.load() : Promise.resolve(),
    ]);
    // Equity rules are new-risk rules, so the positions are loaded: the balances reuse them.
    const balances = needsEquity ? await this.positions.balances(request.accountId, marked) : [];
    const openMarks =
      needsPositions && policy.maxGrossExposure !== null
        ? await this.openOnlyMarks(
            request,
            marked.map((m) => m.position.symbol),
          )
        : [];
    const equity = totalEquity(balances);
    const snapshot: AccountRiskSnapshot = {
      status,
      equity,
      startOfDayEquity:
        watermarks === null || watermarks.day !== request.now.slice(0, 10)
          ? equity
          : new Dec(watermarks.startOfDayEquity),
      peakEquity: watermarks === null ? equity : Dec.max(new Dec(watermarks.peakEquity), equity),
      positions: marked.map((m) => ({
        symbol: m.position.symbol,
        quantity: m.position.quantity,
        markPrice: m.mark ?? new Dec(0),
      })),
      // Read last, after every await: nothing passes between these and the reservation below.
      openOrders: countsOpenOrders ? (request.openQuantities?.count?.() ?? 0) : 0,
      openQuantities: needsPositions ? (request.openQuantities?.current() ?? []) : [],
      openMarks,
      recentOrderTimes: policy.maxOrdersPerSecond === null ? [] : this.recent(request.accountId, request.now),
    };
    const result = checkPreTrade(
      request.order,
      policy,
      snapshot,
      { symbol: request.order.symbol, markPrice: mark ?? new Dec(0) },
      request.now,
    );
    // Counted at once, not after the append: concurrent placements must not all see the same window.
    if (result.ok && policy.maxOrdersPerSecond !== null) this.recordPlacement(request.accountId, request.now);
    if (result.ok && (needsPositions || countsOpenOrders)) request.openQuantities?.reserve?.();
    return result;
  }

  /** Marks of symbols with open orders but no position (their exposure counts at the mark). */
  private async openOnlyMarks(
    request: PreTradeRequest,
    positionSymbols: string[],
  ): Promise<MarketSnapshot[]> {
    const held = new Set([...positionSymbols, request.order.symbol]);
    const symbols = (request.openQuantities?.current() ?? [])
      .map((q) => q.symbol)
      .filter((s) => !held.has(s));
    return Promise.all(
      symbols.map(async (symbol) => ({
        symbol,
        markPrice: (await this.markets.mark(request.exchange, symbol)) ?? new Dec(0),
      })),
    );
  }

  /** Counts a placement toward the account's order rate. */
  private recordPlacement(accountId: string, at: string): void {
    this.window(accountId, at).times.push(Date.parse(at));
  }

  private recent(accountId: string, now: string): readonly number[] {
    return this.window(accountId, now).times;
  }

  /** The account's placement times, with those before the last second passed over. */
  private window(accountId: string, now: string): PlacementTimes {
    let window = this.placements.get(accountId);
    if (window === undefined) {
      window = { times: [], head: 0 };
      this.placements.set(accountId, window);
    }
    const cutoff = Date.parse(now) - RATE_WINDOW_MS;
    const { times } = window;
    while (window.head < times.length && (times[window.head] as number) <= cutoff) window.head++;
    // the passed-over ones go in bulk once they are half the list: each time is copied about once
    if (window.head > 0 && window.head * 2 >= times.length) {
      window.times = times.slice(window.head);
      window.head = 0;
    }
    return window;
  }
}
