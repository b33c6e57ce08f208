import type { Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';
import type { VenueFill, VenueOrder, VenueOrderStatus, VenueOrderType } from '../trading.types';
import type { NumberToString } from './ccxt-market-data.mapper';
import type { VenueProfile } from './venue-profile';

/**
 * ccxt orders and trades as the port's decimal-string shapes. Every decimal comes from the venue's
 * raw `info` strings where the profile knows them; ccxt's float is formatted only as a fallback.
 */
export function toVenueOrder(
  order: CcxtOrder,
  profile: VenueProfile,
  numberToString: NumberToString,
): VenueOrder {
  const raw = profile.orderDecimals?.(asRecord(order.info)) ?? {};
  const dec = (rawValue: string | undefined, value: number | undefined): string | null =>
    rawValue ?? (typeof value === 'number' && Number.isFinite(value) ? numberToString(value) : null);
  const quantity = dec(raw.quantity, order.amount) ?? '0';
  const filled = dec(raw.filled, order.filled) ?? '0';
  const price = nonZero(dec(raw.price, order.price));
  return {
    venueOrderId: String(order.id),
    clientOrderId: order.clientOrderId ?? null,
    symbol: order.symbol ?? '',
    side: order.side === 'sell' ? 'sell' : 'buy',
    type: orderType(order),
    status: orderStatus(order.status, filled),
    quantity,
    filled,
    price: order.type === 'market' ? null : price,
    triggerPrice: nonZero(dec(raw.triggerPrice, order.triggerPrice)),
    averagePrice: nonZero(dec(raw.averagePrice, order.average)),
    timestamp: order.lastUpdateTimestamp ?? order.timestamp ?? Date.now(),
    reason: null,
  };
}

export function toVenueFill(
  trade: CcxtTrade,
  profile: VenueProfile,
  numberToString: NumberToString,
): VenueFill | undefined {
  const raw = profile.fillDecimals?.(asRecord(trade.info)) ?? {};
  const dec = (rawValue: string | undefined, value: number | undefined): string | undefined =>
    rawValue ?? (typeof value === 'number' && Number.isFinite(value) ? numberToString(value) : undefined);
  const price = dec(raw.price, trade.price);
  const quantity = dec(raw.quantity, trade.amount);
  if (
    trade.id === undefined ||
    price === undefined ||
    quantity === undefined ||
    trade.timestamp === undefined
  ) {
    return undefined;
  }
  return {
    fillId: String(trade.id),
    venueOrderId: String(trade.order ?? ''),
    clientOrderId: null,
    symbol: trade.symbol ?? '',
    side: trade.side === 'sell' ? 'sell' : 'buy',
    price,
    quantity,
    fee: dec(raw.fee, trade.fee?.cost) ?? '0',
    feeCurrency: trade.fee?.currency ?? '',
    liquidity: trade.takerOrMaker === 'maker' ? 'maker' : 'taker',
    timestamp: trade.timestamp,
  };
}

function orderStatus(status: string | undefined, filled: string): VenueOrderStatus {
  const partly = Number(filled) > 0;
  switch (status) {
    case 'closed':
      return 'filled';
    case 'canceled':
    case 'cancelled':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
    case 'expired':
      return 'expired';
    case 'open':
    case undefined:
    default:
      return partly ? 'partially_filled' : 'open';
  }
}

const ORDER_TYPES: readonly VenueOrderType[] = [
  'market',
  'limit',
  'stop_market',
  'stop_limit',
  'take_profit_market',
  'take_profit_limit',
];

function orderType(order: CcxtOrder): VenueOrderType {
  const type = (order.type ?? 'limit').toLowerCase();
  if (type === 'stop') return 'stop_limit';
  if (type === 'take_profit') return 'take_profit_limit';
  return ORDER_TYPES.find((known) => known === type) ?? (order.price === undefined ? 'market' : 'limit');
}

function nonZero(value: string | null): string | null {
  return value === null || Number(value) === 0 ? null : value;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
