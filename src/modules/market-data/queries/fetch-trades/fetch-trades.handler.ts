import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { parseLimit, parseSince } from '../../../../domain/market-data';
import type { Trade } from '../../../../infrastructure/exchanges/market-data.types';
import { ROOT_LOGGER } from '../../../../infrastructure/observability/observability.tokens';
import { MarketResolver } from '../../market-resolver';
import { RecentTradesRing } from '../../recent-trades/recent-trades-ring';
import { FetchTradesQuery } from './fetch-trades.query';

export const TRADES_LIMITS = { default: 500, max: 1000 };

/** From the recent-trades ring where it covers the window (it reaches past REST windows), else REST. */
@QueryHandler(FetchTradesQuery)
export class FetchTradesHandler implements IQueryHandler<FetchTradesQuery> {
  constructor(
    private readonly markets: MarketResolver,
    private readonly ring: RecentTradesRing,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async execute({ request }: FetchTradesQuery): Promise<Trade[]> {
    const adapter = this.markets.adapter(request.exchange);
    const limit = parseLimit(request.limit, TRADES_LIMITS);
    const since = parseSince(request.since, Date.now());
    const market = await this.markets.market(adapter, request.symbol);
    const fromRing = await this.ring.read(adapter.id, market.symbol, since, limit).catch((err: unknown) => {
      // The ring is an accelerator: when it cannot answer, the venue still can.
      this.logger.warn({ err, exchange: adapter.id, symbol: market.symbol }, 'recent-trades ring unreadable');
      return null;
    });
    return fromRing ?? adapter.fetchTrades(market.symbol, { since, limit });
  }
}
