import type { InstrumentSpec } from './instrument-spec';
import { LiquiditySide } from './liquidity-book';
import { OrderBookSide } from './order-book-side';
import { emptyPosition, type PositionState } from './position';
import { TriggerBook } from './trigger-book';

/** Everything the engine knows about one instrument for the account. */
export interface MarketState {
  readonly spec: InstrumentSpec;
  /** The venue's liquidity: bids best first, asks best first. */
  readonly bids: LiquiditySide;
  readonly asks: LiquiditySide;
  /** The account's own resting limit orders. */
  readonly ownBids: OrderBookSide;
  readonly ownAsks: OrderBookSide;
  readonly triggers: TriggerBook;
  readonly position: PositionState;
  leverage: number;
  /** Margin reserved by resting orders (money units). */
  lockedMoney: bigint;
  reduceOnlyResting: number;
  /** Last trade price in ticks (may be fractional when a venue prints off-tick). */
  lastTicks: number | undefined;
  markTicks: number | undefined;
  /** Mark price times one lot, in money units: unrealized PnL without decimals. */
  markPerLot: bigint | undefined;
}

export function newMarketState(spec: InstrumentSpec, leverage: number): MarketState {
  return {
    spec,
    bids: new LiquiditySide(true),
    asks: new LiquiditySide(false),
    ownBids: new OrderBookSide(true),
    ownAsks: new OrderBookSide(false),
    triggers: new TriggerBook(),
    position: emptyPosition(),
    leverage,
    lockedMoney: 0n,
    reduceOnlyResting: 0,
    lastTicks: undefined,
    markTicks: undefined,
    markPerLot: undefined,
  };
}
