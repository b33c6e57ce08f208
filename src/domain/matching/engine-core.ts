import { Dec } from '../shared/decimal';
import { filled, cancelled } from './engine-events';
import { RATE_DP, ceilDiv, pow10n, roundToScaled, toScaledInt, MONEY_DP } from './fixed-point';
import { compileInstrument, notionalMoney } from './instrument-spec';
import type { CancelReason, EngineConfig, EngineEvent, Liquidity } from './matching.types';
import { newMarketState, type MarketState } from './market-state';
import { applyFill, reducibleLots, unrealized } from './position';
import type { WorkingOrder } from './resting-order';

const RATE_SCALE = pow10n(RATE_DP);

function rateUnits(rate: string): bigint {
  const units = toScaledInt(new Dec(rate), RATE_DP);
  if (units === undefined) throw new RangeError(`fee rate ${rate} needs at most ${RATE_DP} decimals`);
  return BigInt(units);
}

/**
 * The engine's state and the primitives every operation shares: ids, fills, resting, margin.
 * Everything here is integer arithmetic; Dec appears only at the edges.
 */
export class EngineCore {
  readonly markets = new Map<string, MarketState>();
  readonly orders = new Map<string, WorkingOrder>();
  readonly initialWallet: bigint;
  wallet: bigint;
  feesPaid = 0n;
  fundingReceived = 0n;
  realizedPnl = 0n;
  private readonly makerRate: bigint;
  private readonly takerRate: bigint;
  private readonly prefix: string;
  private orderSeq = 0;
  private fillSeq = 0;

  constructor(config: EngineConfig) {
    const leverage = config.defaultLeverage ?? 1;
    for (const instrument of config.instruments) {
      this.markets.set(instrument.symbol, newMarketState(compileInstrument(instrument), leverage));
    }
    this.makerRate = rateUnits(config.makerFeeRate);
    this.takerRate = rateUnits(config.takerFeeRate);
    this.initialWallet = roundToScaled(new Dec(config.initialBalance), MONEY_DP);
    this.wallet = this.initialWallet;
    this.prefix = config.idPrefix ?? '';
  }

  nextOrderId(): string {
    return `${this.prefix}o${++this.orderSeq}`;
  }

  /** Equity minus all margin in use, across every instrument (money units). */
  available(): bigint {
    let free = this.wallet;
    for (const m of this.markets.values()) {
      if (m.markPerLot !== undefined) free += unrealized(m.position, m.markPerLot);
      free -= ceilDiv(m.position.cost, BigInt(m.leverage)) + m.lockedMoney;
    }
    return free;
  }

  /** Initial margin an order needs for the lots that would open or add to the position. */
  marginFor(m: MarketState, order: WorkingOrder, priceTicks: number, lots: number): bigint {
    if (order.reduceOnly) return 0n;
    const opening = Math.max(0, lots - reducibleLots(m.position, order.isBuy));
    if (opening === 0) return 0n;
    return ceilDiv(notionalMoney(m.spec, priceTicks, opening), BigInt(m.leverage));
  }

  /** Margin a resting order reserves: its whole remaining quantity at its price. */
  lockFor(m: MarketState, order: WorkingOrder): bigint {
    if (order.reduceOnly || order.limitTicks === undefined) return 0n;
    const lots = order.totalLots - order.filledLots;
    return ceilDiv(notionalMoney(m.spec, order.limitTicks, lots), BigInt(m.leverage));
  }

  relock(m: MarketState, order: WorkingOrder): void {
    const lock = this.lockFor(m, order);
    m.lockedMoney += lock - order.lockedMoney;
    order.lockedMoney = lock;
  }

  rest(m: MarketState, order: WorkingOrder): void {
    (order.isBuy ? m.ownBids : m.ownAsks).add(order);
    this.orders.set(order.id, order);
    if (order.reduceOnly) m.reduceOnlyResting++;
    this.relock(m, order);
  }

  /** Takes a resting order off the book and releases its margin. */
  unrest(m: MarketState, order: WorkingOrder): void {
    (order.isBuy ? m.ownBids : m.ownAsks).remove(order);
    this.orders.delete(order.id);
    if (order.reduceOnly) m.reduceOnlyResting--;
    m.lockedMoney -= order.lockedMoney;
    order.lockedMoney = 0n;
  }

  /**
   * Fills up to `lots` of an order at `ticks`; returns the lots filled (fewer when a reduce-only
   * order would otherwise grow the position). Wallet += realized PnL - fee.
   */
  fill(
    m: MarketState,
    order: WorkingOrder,
    ticks: number,
    wanted: number,
    liquidity: Liquidity,
    at: number,
    events: EngineEvent[],
  ): number {
    const lots = order.reduceOnly ? Math.min(wanted, reducibleLots(m.position, order.isBuy)) : wanted;
    if (lots <= 0) return 0;
    const spec = m.spec;
    const notional = notionalMoney(spec, ticks, lots);
    // Exact: a notional has at most 16 decimals and the money scale 24, so dividing by 10^8 never truncates.
    const fee = (notional * (liquidity === 'maker' ? this.makerRate : this.takerRate)) / RATE_SCALE;
    const realized = applyFill(m.position, order.isBuy, lots, (l) => notionalMoney(spec, ticks, l));
    this.wallet += realized - fee;
    this.feesPaid += fee;
    this.realizedPnl += realized;
    order.filledLots += lots;
    events.push(
      filled(spec, order, {
        at,
        fillId: `${this.prefix}f${++this.fillSeq}`,
        liquidity,
        ticks,
        lots,
        fee,
        realized,
      }),
    );
    return lots;
  }

  cancel(m: MarketState, order: WorkingOrder, reason: CancelReason, at: number, events: EngineEvent[]): void {
    events.push(cancelled(m.spec, order, reason, at));
  }

  /** Reduce-only orders lose their purpose once the position they reduce is gone. */
  sweepReduceOnly(m: MarketState, at: number, events: EngineEvent[]): void {
    if (m.reduceOnlyResting === 0) return;
    for (const side of [m.ownBids, m.ownAsks]) {
      for (const order of side.all()) {
        if (order.reduceOnly && reducibleLots(m.position, order.isBuy) === 0) {
          this.unrest(m, order);
          this.cancel(m, order, 'reduce_only', at, events);
        }
      }
    }
  }
}
