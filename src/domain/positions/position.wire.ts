import { Dec, toWire } from '../shared/decimal';
import { averageEntry, netRealizedPnl, unrealizedPnl, type Position } from './position';

/** Decimal places of the average entry on the wire (it can be a repeating decimal). */
const ENTRY_DP = 12;

/** The stored form of a position (a projection row, a snapshot): decimal strings only. */
export interface PositionRecord {
  readonly symbol: string;
  readonly quantity: string;
  readonly cost: string;
  readonly realizedPnl: string;
  readonly fees: string;
  readonly funding: string;
}

/** What the API and the socket show: the record plus the derived figures at a mark. */
export interface PositionView extends PositionRecord {
  readonly side: 'long' | 'short' | 'flat';
  readonly averageEntry: string;
  readonly markPrice: string | null;
  readonly unrealizedPnl: string | null;
  readonly netRealizedPnl: string;
}

export function positionToRecord(position: Position): PositionRecord {
  return {
    symbol: position.symbol,
    quantity: toWire(position.quantity),
    cost: toWire(position.cost),
    realizedPnl: toWire(position.realizedPnl),
    fees: toWire(position.fees),
    funding: toWire(position.funding),
  };
}

export function positionFromRecord(record: PositionRecord): Position {
  return {
    symbol: record.symbol,
    quantity: new Dec(record.quantity),
    cost: new Dec(record.cost),
    realizedPnl: new Dec(record.realizedPnl),
    fees: new Dec(record.fees),
    funding: new Dec(record.funding),
  };
}

export function positionView(position: Position, markPrice: Dec | null): PositionView {
  const q = position.quantity;
  return {
    ...positionToRecord(position),
    side: q.isZero() ? 'flat' : q.isPositive() ? 'long' : 'short',
    averageEntry: toWire(averageEntry(position).toDecimalPlaces(ENTRY_DP, Dec.ROUND_HALF_EVEN)),
    markPrice: markPrice === null ? null : toWire(markPrice),
    unrealizedPnl: markPrice === null ? null : toWire(unrealizedPnl(position, markPrice)),
    netRealizedPnl: toWire(netRealizedPnl(position)),
  };
}
