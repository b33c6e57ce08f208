import { Dec } from '../shared/decimal';
import { MatchingEngine } from './matching-engine';
import type { BookSnapshot, EngineConfig, EngineEvent, Instrument } from './matching.types';

/** Shared test fixtures: one BTC perpetual with round numbers so golden arithmetic stays readable. */
export const BTC = 'BTC/USDT:USDT';

export const btcInstrument: Instrument = {
  symbol: BTC,
  contractType: 'linear',
  tickSize: new Dec('0.1'),
  lotSize: new Dec('0.001'),
  minQuantity: new Dec('0.001'),
  maxLeverage: 100,
};

export const baseConfig: EngineConfig = {
  instruments: [btcInstrument],
  makerFeeRate: '0.0002',
  takerFeeRate: '0.0005',
  initialBalance: '10000',
};

export function book(bids: [string, string][], asks: [string, string][]): BookSnapshot {
  const level = ([price, quantity]: [string, string]) => ({
    price: new Dec(price),
    quantity: new Dec(quantity),
  });
  return { symbol: BTC, bids: bids.map(level), asks: asks.map(level) };
}

/** asks 100.0 x 1, 100.5 x 2, 101.0 x 5; bids 99.5 x 1, 99.0 x 2, 98.5 x 5. */
export const standardBook = book(
  [
    ['99.5', '1'],
    ['99', '2'],
    ['98.5', '5'],
  ],
  [
    ['100', '1'],
    ['100.5', '2'],
    ['101', '5'],
  ],
);

export function engineWithBook(config: Partial<EngineConfig> = {}): MatchingEngine {
  const engine = new MatchingEngine({ ...baseConfig, ...config });
  engine.onBook(standardBook, 0);
  return engine;
}

/** Events as plain strings, so expectations read like a venue log. */
export function summary(events: readonly EngineEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case 'accepted':
        return `accepted ${e.orderId}`;
      case 'rejected':
        return `rejected ${e.orderId} ${e.reason}`;
      case 'filled':
        return `filled ${e.orderId} ${e.quantity.toString()}@${e.price.toString()} ${e.liquidity} fee=${e.fee.toString()} pnl=${e.realizedPnl.toString()} left=${e.remaining.toString()}`;
      case 'cancelled':
        return `cancelled ${e.orderId} ${e.reason} left=${e.remaining.toString()}`;
      case 'amended':
        return `amended ${e.orderId} ${e.quantity.toString()}@${e.price?.toString() ?? '-'}`;
      case 'triggered':
        return `triggered ${e.orderId} ${e.triggerBy}@${e.triggerPrice.toString()}`;
      case 'funding':
        return `funding ${e.symbol} ${e.amount.toString()}`;
      case 'leverage_changed':
        return `leverage ${e.symbol} ${e.leverage}`;
    }
  });
}

export const d = (value: string): Dec => new Dec(value);
