import { Query } from '@nestjs/cqrs';
import type { Trade } from '../../../../infrastructure/exchanges/market-data.types';
import type { MarketDataRequestDto } from '../market-data.request.dto';

export class FetchTradesQuery extends Query<Trade[]> {
  constructor(readonly request: MarketDataRequestDto) {
    super();
  }
}
