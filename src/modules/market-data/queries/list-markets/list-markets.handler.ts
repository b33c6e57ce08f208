import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Market } from '../../../../infrastructure/exchanges/market-data.types';
import { MarketResolver } from '../../market-resolver';
import { ListMarketsQuery } from './list-markets.query';

@QueryHandler(ListMarketsQuery)
export class ListMarketsHandler implements IQueryHandler<ListMarketsQuery> {
  constructor(private readonly markets: MarketResolver) {}

  execute({ exchange }: ListMarketsQuery): Promise<Market[]> {
    return this.markets.adapter(exchange).loadMarkets();
  }
}
