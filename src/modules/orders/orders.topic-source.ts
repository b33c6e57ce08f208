import { Injectable } from '@nestjs/common';
import { AccountDirectory, TradingFeed, accountTopicSource } from '../accounts';
import type { TopicSource } from '../realtime';
import { OrdersRepository } from './orders.repository';

/** `orders:{accountId}`: a snapshot of the open orders, then every order change as the projection commits it. */
@Injectable()
export class OrdersTopicSource {
  readonly source: TopicSource<{ accountId: string }, unknown>;

  constructor(feed: TradingFeed, accounts: AccountDirectory, orders: OrdersRepository) {
    this.source = accountTopicSource('orders', feed, accounts, (accountId) => orders.openOrders(accountId));
  }
}
