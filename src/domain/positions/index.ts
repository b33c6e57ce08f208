/**
 * Positions and PnL maths (issue 5), for the positions projection:
 *
 * - `flatPosition(symbol)`, `applyFill(position, {side, price, quantity, fee})` -> {position,
 *   realizedPnl, closed, opened} (adds, reduces, closes and flips through zero in one fill),
 *   `applyOrderFill(position, OrderPartiallyFilled | OrderFilled)` for the order events.
 * - `fundingPayment(quantity, mark, rate)` (> 0 received) and `applyFunding(position, amount)`.
 * - `averageEntry`, `unrealizedPnl(position, mark)`, `netRealizedPnl` (realized - fees + funding), `notional`.
 * - Storage / API: `positionToRecord` / `positionFromRecord` (decimal strings), `positionView(position, mark)`.
 */
export * from './position';
export * from './position.wire';
export * from './position-fill.adapter';
