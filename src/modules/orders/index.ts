/** The orders module's public contract. */
export { OrdersModule } from './orders.module';
export {
  OrderPlacement,
  type Placement,
  type PlacementInput,
  type PlacementOptions,
} from './commands/place-order/order-placement';
export { OrdersRepository, OPEN_STATUSES } from './orders.repository';
export { VenueStreams } from './execution/venue-streams';
export { Reconciler, type ReconciliationResult } from './reconciliation/reconciler';
export { orderIdFor, orderStreamId, ORDER_STREAM_PREFIX } from './order-ids';
export { CancelOrderCommand } from './commands/cancel-order/cancel-order.command';
export { AmendOrderCommand } from './commands/amend-order/amend-order.command';
