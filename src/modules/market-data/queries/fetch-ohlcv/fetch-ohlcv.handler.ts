import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { candleWindow, parseLimit, parseSince, parseTimeframe } from '../../../../domain/market-data';
import type { OHLCV } from '../../../../infrastructure/exchanges/market-data.types';
import { CandleStore } from '../../candles/candle-store';
import { MarketResolver } from '../../market-resolver';
import { FetchOhlcvQuery } from './fetch-ohlcv.query';

export const OHLCV_LIMITS = { default: 500, max: 5000 };

@QueryHandler(FetchOhlcvQuery)
export class FetchOhlcvHandler implements IQueryHandler<FetchOhlcvQuery> {
  constructor(
    private readonly markets: MarketResolver,
    private readonly store: CandleStore,
  ) {}

  async execute({ request }: FetchOhlcvQuery): Promise<readonly OHLCV[]> {
    const now = Date.now();
    const adapter = this.markets.adapter(request.exchange);
    const { timeframe, ms } = parseTimeframe(request.timeframe ?? '1m', adapter.capabilities.timeframes);
    const limit = parseLimit(request.limit, OHLCV_LIMITS);
    const since = parseSince(request.since, now);
    const market = await this.markets.market(adapter, request.symbol);
    const window = candleWindow({ since, limit, stepMs: ms, now });
    if (window === null) return [];
    const series = { exchange: adapter.id, symbol: market.symbol, timeframe, stepMs: ms };
    return this.store.fetch(adapter, series, window, now);
  }
}
