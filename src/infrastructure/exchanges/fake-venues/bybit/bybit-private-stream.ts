import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { FakeAccount, FakeExecution, FakeFill, FakeOrder } from '../shared/fake-account';
import { MarketDataSet } from '../shared/market-data-set';
import { Subscriptions } from '../shared/subscriptions';
import { bybitExecution, bybitOrder, bybitPosition, bybitWallet } from './bybit-account-shapes';

const PRIVATE_TOPICS = ['order', 'execution', 'position', 'wallet'] as const;
type PrivateTopic = (typeof PRIVATE_TOPICS)[number];

/** `order`, or `order.linear` (the per-category form): the base topic name. */
export function privateTopicOf(topic: string): PrivateTopic | undefined {
  const base = topic.split('.')[0];
  return PRIVATE_TOPICS.find((t) => t === base);
}

/**
 * The `/v5/private` websocket: `{op:'auth', args:[apiKey, expires, signature]}` first (any
 * signature is accepted), then the private topics. Each account change becomes an `order` message,
 * and a fill also `execution`, `position` and `wallet` messages.
 * Sources: https://bybit-exchange.github.io/docs/v5/ws/connect (authentication) and
 * .../websocket/private/{order,execution,position,wallet}.
 */
export class BybitPrivateStream {
  private readonly authenticated = new Set<WebSocket>();
  readonly subscriptions = new Subscriptions();

  constructor(
    private readonly account: FakeAccount,
    private readonly data: MarketDataSet,
    private readonly send: (socket: WebSocket, payload: unknown) => void,
  ) {
    account.subscribe((order, execution, fill) => this.publish(order, execution, fill));
  }

  /** Answers `auth`; true when the message was one. */
  authenticate(socket: WebSocket, message: Record<string, unknown>, connId: string): boolean {
    if (message.op !== 'auth') return false;
    const args = Array.isArray(message.args) ? message.args : [];
    const valid = args.length === 3 && typeof args[0] === 'string' && Number(args[1]) > 0;
    if (valid) this.authenticated.add(socket);
    this.send(socket, {
      success: valid,
      ret_msg: valid ? '' : 'Params Error',
      op: 'auth',
      conn_id: connId,
    });
    return true;
  }

  /** Subscribes a private topic; false (refused) before `auth`. */
  subscribe(socket: WebSocket, topic: string): boolean {
    if (!this.authenticated.has(socket)) return false;
    this.subscriptions.add(socket, topic);
    return true;
  }

  forget(socket: WebSocket): void {
    this.authenticated.delete(socket);
    this.subscriptions.forget(socket);
  }

  private publish(order: FakeOrder, _execution: FakeExecution, fill: FakeFill | undefined): void {
    this.push('order', [bybitOrder(order)]);
    if (fill === undefined) return;
    this.push('execution', [bybitExecution(fill, order)]);
    this.push('position', [bybitPosition(this.account, this.data, order.coin)]);
    this.push('wallet', [bybitWallet(this.account)]);
  }

  private push(topic: PrivateTopic, rows: Record<string, unknown>[]): void {
    const data = rows.map((row) => (topic === 'wallet' ? row : { category: 'linear', ...row }));
    for (const [socket, subscribed] of this.subscriptions.matching((t) => privateTopicOf(t) === topic)) {
      this.send(socket, { id: randomUUID(), topic: subscribed, creationTime: this.data.now, data });
    }
  }
}
