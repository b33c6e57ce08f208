import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Market, OHLCV, OrderBook, Trade } from '../../infrastructure/exchanges/market-data.types';
import { Roles } from '../auth';
import { FetchOhlcvQuery } from './queries/fetch-ohlcv/fetch-ohlcv.query';
import { ohlcvJson } from './queries/fetch-ohlcv/ohlcv-json';
import { FetchOrderBookQuery } from './queries/fetch-order-book/fetch-order-book.query';
import { FetchTradesQuery } from './queries/fetch-trades/fetch-trades.query';
import { ListMarketsQuery } from './queries/list-markets/list-markets.query';
import { ListMarketsRequestDto } from './queries/list-markets/list-markets.request.dto';
import { MarketDataRequestDto } from './queries/market-data.request.dto';
import { MarketDto, OHLCV_SCHEMA, OrderBookDto, TradeDto } from './queries/market-data.response.dto';

const BAD_REQUEST =
  'VALIDATION_FAILED (body shape), UNKNOWN_EXCHANGE, BAD_SYMBOL, BAD_TIMEFRAME, BAD_LIMIT or BAD_SINCE';

/** Market-data snapshots in ccxt's shapes, so a frontend that used ccxt switches without changes. */
@ApiTags('market-data')
@Controller('v1')
@Roles('trader', 'viewer', 'auditor')
export class MarketDataHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Post('fetchTrades')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Recent trades (ccxt fetchTrades)',
    description:
      "With `since`: the first `limit` trades at or after it, ascending; without: the latest `limit`. `limit` 1-1000 (default 500). Served from the recent-trades ring where it holds the whole window without a break (it reaches further back than many venues' REST), from the venue otherwise.",
  })
  @ApiOkResponse({ type: TradeDto, isArray: true })
  @ApiBadRequestResponse({ description: BAD_REQUEST })
  fetchTrades(@Body() dto: MarketDataRequestDto): Promise<Trade[]> {
    return this.queries.execute(new FetchTradesQuery(dto));
  }

  @Post('fetchOHLCV')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Candles (ccxt fetchOHLCV)',
    description:
      'With `since`: the first `limit` candles opening at or after it; without: the latest `limit`, ending with the candle still open. `limit` 1-5000 (default 500), `timeframe` default 1m. Closed candles come from the candle store; the venue is asked only for ranges the store does not hold yet (in the fewest requests its page size allows), and the open candle always comes from the venue (asked for alone, its answer is reused for up to 1 s per series; follow the `ohlcv:` stream topic for every change).',
  })
  @ApiOkResponse({ schema: OHLCV_SCHEMA })
  @ApiBadRequestResponse({ description: BAD_REQUEST })
  async fetchOHLCV(@Body() dto: MarketDataRequestDto, @Res() res: Response): Promise<void> {
    const rows: readonly OHLCV[] = await this.queries.execute(new FetchOhlcvQuery(dto));
    // Written as bytes: repeated answers reuse their serialised body (see ohlcv-json.ts).
    const body = ohlcvJson(rows);
    res
      .status(200)
      .set({ 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length) });
    res.end(body);
  }

  @Post('fetchOrderBook')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Order book (ccxt fetchOrderBook)',
    description:
      "A snapshot from the venue: `limit` (1-1000) caps the levels per side; without it, the venue's default depth.",
  })
  @ApiOkResponse({ type: OrderBookDto })
  @ApiBadRequestResponse({ description: BAD_REQUEST })
  fetchOrderBook(@Body() dto: MarketDataRequestDto): Promise<OrderBook> {
    return this.queries.execute(new FetchOrderBookQuery(dto));
  }

  @Get('markets')
  @ApiOperation({
    summary: "An exchange's markets (ccxt loadMarkets)",
    description: 'Every market of the exchange, by ccxt unified symbol with the venue id.',
  })
  @ApiOkResponse({ type: MarketDto, isArray: true })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (no exchange) or UNKNOWN_EXCHANGE' })
  markets(@Query() q: ListMarketsRequestDto): Promise<Market[]> {
    return this.queries.execute(new ListMarketsQuery(q.exchange));
  }
}
