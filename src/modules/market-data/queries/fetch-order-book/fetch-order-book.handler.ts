import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { parseLimit } from '../../../../domain/market-data';
import type { OrderBook } from '../../../../infrastructure/exchanges/market-data.types';
import { MarketResolver } from '../../market-resolver';
import { FetchOrderBookQuery } from './fetch-order-book.query';

// The default is never used: without a limit the venue answers its own default depth.
export const BOOK_LIMITS = { default: 1000, max: 1000 };

@QueryHandler(FetchOrderBookQuery)
export class FetchOrderBookHandler implements IQueryHandler<FetchOrderBookQuery> {
  constructor(private readonly markets: MarketResolver) {}

  async execute({ request }: FetchOrderBookQuery): Promise<OrderBook> {
    const adapter = this.markets.adapter(request.exchange);
    // Without a limit, the venue's own default depth.
    const limit =
      request.limit === undefined || request.limit === null
        ? undefined
        : parseLimit(request.limit, BOOK_LIMITS);
    const market = await this.markets.market(adapter, request.symbol);
    return adapter.fetchOrderBook(market.symbol, limit);
  }
}
