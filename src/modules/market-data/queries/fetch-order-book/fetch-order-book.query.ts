import { Query } from '@nestjs/cqrs';
import type { OrderBook } from '../../../../infrastructure/exchanges/market-data.types';
import type { MarketDataRequestDto } from '../market-data.request.dto';

export class FetchOrderBookQuery extends Query<OrderBook> {
  constructor(readonly request: MarketDataRequestDto) {
    super();
  }
}
