import { Query } from '@nestjs/cqrs';
import type { OHLCV } from '../../../../infrastructure/exchanges/market-data.types';
import type { MarketDataRequestDto } from '../market-data.request.dto';

export class FetchOhlcvQuery extends Query<readonly OHLCV[]> {
  constructor(readonly request: MarketDataRequestDto) {
    super();
  }
}
