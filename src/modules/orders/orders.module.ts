import { Module, type OnModuleInit } from '@nestjs/common';
import { replayerFromEvolve } from '../../domain/audit';
import { evolveOrder, initialOrderState } from '../../domain/orders';
import { AccountsModule } from '../accounts';
import { AuditModule, StreamReplayerRegistry } from '../audit';
import { RealtimeModule, TopicSources } from '../realtime';
import { OpenOrdersRegistry, RiskModule } from '../risk';
import { AccountOrdersHttpController } from './account-orders.http.controller';
import {
  CancelAllOrdersHandler,
  CloseAllPositionsHandler,
} from './commands/account-orders/account-orders.handler';
import { AmendOrderHandler } from './commands/amend-order/amend-order.handler';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { OrderPlacement } from './commands/place-order/order-placement';
import { PlaceOrderHandler } from './commands/place-order/place-order.handler';
import { BracketOrders } from './execution/bracket-orders';
import { ExecutionProcessManager } from './execution/execution.process-manager';
import { KillSwitchProcessManager } from './execution/kill-switch.process-manager';
import { VenueReports } from './execution/venue-reports';
import { VenueStreams } from './execution/venue-streams';
import { OpenOrderExposure } from './open-order-exposure';
import { OrderCommander } from './order-commander';
import { ORDER_STREAM_PREFIX } from './order-ids';
import { OrdersHttpController } from './orders.http.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersTopicSource } from './orders.topic-source';
import { OrdersProjection } from './projections/orders.projection';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { OrderViews } from './queries/get-order/order-views';
import {
  GetReconciliationHandler,
  ReconcileAccountHandler,
} from './queries/get-reconciliation/get-reconciliation.handler';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';
import { Reconciler } from './reconciliation/reconciler';
import { ReconciliationsRepository } from './reconciliation/reconciliations.repository';
import { TradingSupervisor } from './reconciliation/trading-supervisor';

/**
 * Orders: placement (validation, pre-trade risk, idempotency), the orders read model, execution at
 * the venue (a process manager and the venue streams), brackets, the kill switch's execution,
 * good-till-date expiry and reconciliation.
 */
@Module({
  imports: [AuditModule, AccountsModule, RiskModule, RealtimeModule],
  controllers: [OrdersHttpController, AccountOrdersHttpController],
  providers: [
    OrderCommander,
    OpenOrderExposure,
    OrdersRepository,
    OrderViews,
    OrderPlacement,
    OrdersProjection,
    OrdersTopicSource,
    VenueReports,
    VenueStreams,
    BracketOrders,
    ExecutionProcessManager,
    KillSwitchProcessManager,
    Reconciler,
    ReconciliationsRepository,
    TradingSupervisor,
    PlaceOrderHandler,
    AmendOrderHandler,
    CancelOrderHandler,
    CancelAllOrdersHandler,
    CloseAllPositionsHandler,
    GetOrderHandler,
    ListOrdersHandler,
    GetReconciliationHandler,
    ReconcileAccountHandler,
  ],
  exports: [OrderPlacement, OrdersRepository, VenueStreams, Reconciler],
})
export class OrdersModule implements OnModuleInit {
  constructor(
    private readonly replayers: StreamReplayerRegistry,
    private readonly openOrders: OpenOrdersRegistry,
    private readonly orders: OrdersRepository,
    private readonly topics: TopicSources,
    private readonly ordersTopic: OrdersTopicSource,
  ) {}

  onModuleInit(): void {
    this.replayers.register(replayerFromEvolve('order', ORDER_STREAM_PREFIX, initialOrderState, evolveOrder));
    this.openOrders.register({
      openOrderIds: async (accountId) => (await this.orders.openOrders(accountId)).map((o) => o.orderId),
    });
    this.topics.register('orders', this.ordersTopic.source);
  }
}
