import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { ExchangeRegistry } from '../../exchanges';
import { TopicSources } from '../../realtime';
import { RecentTradesRing } from '../recent-trades/recent-trades-ring';
import { WarmupTopicSource } from '../warmup/warmup-topic.source';
import {
  OhlcvTopicSource,
  OrderBookTopicSource,
  TickerTopicSource,
  TradesTopicSource,
} from './market-topic.sources';

/**
 * Market data's topics on the realtime stream: trades (whose one upstream also feeds the
 * recent-trades ring), orderbook, ohlcv, ticker, and warmup progress.
 */
@Injectable()
export class MarketTopicsRegistrar implements OnModuleInit {
  constructor(
    private readonly topics: TopicSources,
    private readonly registry: ExchangeRegistry,
    private readonly ring: RecentTradesRing,
    private readonly warmupTopic: WarmupTopicSource,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const log = this.logger.child({ component: 'market-topics' });
    this.topics.register('trades', new TradesTopicSource(this.registry, this.ring, log));
    this.topics.register('orderbook', new OrderBookTopicSource(this.registry));
    this.topics.register('ohlcv', new OhlcvTopicSource(this.registry));
    this.topics.register('ticker', new TickerTopicSource(this.registry));
    this.topics.register('warmup', this.warmupTopic);
  }
}
