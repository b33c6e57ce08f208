import { Dec, toWire } from '../shared/decimal';
import type { RecordBracketLegFill, RecordFill } from './order.commands';
import { FillExceedsQuantityError, InvalidOrderError, InvalidOrderTransitionError } from './order.errors';
import type { BracketArmed, BracketLegTriggered, BracketResized, OrderEvent } from './order.events';
import { Violations, parsePositive, parseSigned } from './order-input.validation';
import type { OrderState } from './order.state';
import { oppositeSide } from './order.types';

/** Price precision of the average fill price when it does not divide exactly. */
const AVERAGE_PRICE_DP = 12;

function base(state: OrderState, at: string) {
  return { orderId: state.orderId, accountId: state.accountId, symbol: state.symbol, at };
}

/**
 * A venue fill, applied once per fill id. Accepted while the order can fill, and after a cancel or an
 * expiry too: a fill the venue reports late still happened, and the history must explain the position.
 */
export function decideFill(command: RecordFill, state: OrderState): OrderEvent[] {
  if (state.fillIds.has(command.fillId)) return [];
  const fillable =
    state.status === 'accepted' ||
    state.status === 'working' ||
    state.status === 'partially_filled' ||
    state.status === 'cancelled' ||
    state.status === 'expired';
  if (!fillable) throw new InvalidOrderTransitionError(state.orderId, state.status, command.type);

  const v = new Violations();
  const price = parsePositive(v, 'price', command.price);
  const quantity = parsePositive(v, 'quantity', command.quantity);
  const fee = parseSigned(v, 'fee', command.fee);
  if (command.fillId.trim() === '') v.add('fillId', 'REQUIRED', 'fillId is required');
  if (price === null || quantity === null || fee === null || v.list.length > 0)
    throw new InvalidOrderError(v.list);

  const filled = state.filled.plus(quantity);
  if (filled.gt(state.quantity)) {
    throw new FillExceedsQuantityError(
      state.orderId,
      command.fillId,
      toWire(state.quantity),
      toWire(state.filled),
      toWire(quantity),
    );
  }
  const notional = state.filledNotional.plus(price.mul(quantity));
  const average = notional.div(filled).toDecimalPlaces(AVERAGE_PRICE_DP, Dec.ROUND_HALF_EVEN);
  const remaining = state.quantity.minus(filled);
  const fill: OrderEvent = {
    type: remaining.isZero() ? 'OrderFilled' : 'OrderPartiallyFilled',
    ...base(state, command.at),
    side: state.side,
    fillId: command.fillId,
    price: toWire(price),
    quantity: toWire(quantity),
    fee: toWire(fee),
    feeCurrency: command.feeCurrency ?? null,
    liquidity: command.liquidity,
    filled: toWire(filled),
    remaining: toWire(remaining),
    averagePrice: toWire(average),
  };
  return [fill, ...bracketOnFill(state, filled, command.at)];
}

function bracketOnFill(state: OrderState, filled: Dec, at: string): (BracketArmed | BracketResized)[] {
  if (state.bracket === null) return [];
  if (state.bracketStatus === 'waiting_entry') {
    return [
      {
        type: 'BracketArmed',
        ...base(state, at),
        side: oppositeSide(state.side),
        quantity: toWire(filled),
        takeProfit: state.bracket.takeProfit,
        stopLoss: state.bracket.stopLoss,
      },
    ];
  }
  if (state.bracketStatus === 'armed')
    return [{ type: 'BracketResized', ...base(state, at), quantity: toWire(filled) }];
  return []; // triggered: the surviving leg is being cancelled, nothing to resize
}

/** A bracket child filled: cancel its sibling, once (one-cancels-other). */
export function decideBracketLegFill(
  command: RecordBracketLegFill,
  state: OrderState,
): BracketLegTriggered[] {
  const bracket = state.bracket;
  if (bracket === null || state.bracketStatus === 'none' || state.bracketStatus === 'waiting_entry') {
    throw new InvalidOrderTransitionError(state.orderId, state.status, command.type, 'no armed bracket');
  }
  if (state.bracketStatus === 'triggered') {
    if (state.bracketTriggeredBy === command.leg) return [];
    // Both legs filled (a race at the venue): nothing left to cancel, and the auditor sees it here.
    throw new InvalidOrderTransitionError(
      state.orderId,
      state.status,
      command.type,
      'bracket already triggered',
    );
  }
  const filledLeg = command.leg === 'take_profit' ? bracket.takeProfit : bracket.stopLoss;
  const otherLeg = command.leg === 'take_profit' ? bracket.stopLoss : bracket.takeProfit;
  if (filledLeg === null) {
    throw new InvalidOrderTransitionError(state.orderId, state.status, command.type, `no ${command.leg} leg`);
  }
  return [
    {
      type: 'BracketLegTriggered',
      ...base(state, command.at),
      filledLeg: command.leg,
      filledChildOrderId: filledLeg.childOrderId,
      cancelChildOrderId: otherLeg?.childOrderId ?? null,
    },
  ];
}
