/**
 * The order as a decider (issue 5). Public API for the Nest side:
 *
 * - `orderDecider` / `decideOrder(command, state)` / `evolveOrder(state, event)` / `initialOrderState()`:
 *   one stream per order. decide throws a DomainError subclass to refuse: `InvalidOrderError`
 *   (validation, 400), `InvalidOrderTransitionError` and `FillExceedsQuantityError` and
 *   `OrderNotExpiredError` (conflict, 409), `AmendBelowFilledError` (refused, 422).
 * - Commands carry decimal strings, an ISO `at`, ids from the handler, and for PlaceOrder / AmendOrder
 *   the `instrument` (tick, lot, min quantity) looked up by the handler.
 * - Events are plain JSON (decimal strings, ISO times, null for absent): store them as they are.
 * - Idempotency: PlaceOrder on an existing stream with the same clientOrderId yields no event;
 *   a repeated fill id, ack, cancel request or venue cancel yields no event.
 * - Risk rejection: decide PlaceOrder, then RejectOrder {source: 'risk', reason: 'RISK_REJECTED'}
 *   on the folded state, and append both (the refused order is recorded).
 * - Brackets: PlaceOrder with takeProfit / stopLoss (child ids assigned by the handler). The first
 *   fill yields BracketArmed (the process manager places reduce-only children, `parent` set, for
 *   `quantity`), later fills BracketResized (amend the children); a child's fill is reported to the
 *   entry as RecordBracketLegFill, which yields BracketLegTriggered naming the sibling to cancel.
 * - Expiry: a scheduler sends ExpireOrder {at} at or after `expiresAt` (timeInForce gtd).
 */
export * from './order.types';
export * from './order.commands';
export * from './order.events';
export * from './order.errors';
export * from './order.state';
export * from './order.decide';
export { validatePlaceOrder, type ValidPlacement } from './place-order.validation';
export { instantOf } from './order-input.validation';
export * from './order-view';
export { placementDifferences } from './order-idempotency';
