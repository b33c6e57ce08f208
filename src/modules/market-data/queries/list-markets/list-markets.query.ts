import { Query } from '@nestjs/cqrs';
import type { Market } from '../../../../infrastructure/exchanges/market-data.types';

export class ListMarketsQuery extends Query<Market[]> {
  constructor(readonly exchange: string) {
    super();
  }
}
