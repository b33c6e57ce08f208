import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  parseTimeframe,
  planWarmup,
  warmupWindow,
  type CandleRange,
  type ScannedSeries,
} from '../../../../domain/market-data';
import type { CandleSeries } from '../../candles/candle-series';
import { CandleStore } from '../../candles/candle-store';
import { MARKET_CLOCK, type MarketClock } from '../../market-clock';
import { MarketResolver } from '../../market-resolver';
import { toWarmupResponse, type WarmupResponseDto } from '../../queries/get-warmup/get-warmup.response.dto';
import type { Warmup } from '../../warmup/warmup';
import { WarmupRegistry } from '../../warmup/warmup-registry';
import { WarmupRunner } from '../../warmup/warmup-runner';
import { StartWarmupCommand } from './start-warmup.command';

/**
 * Scans the store's coverage from the largest timeframe to the smallest, schedules only the missing
 * ranges (in the fewest venue requests), answers the schedule and runs it in the background.
 */
@CommandHandler(StartWarmupCommand)
export class StartWarmupHandler implements ICommandHandler<StartWarmupCommand> {
  constructor(
    private readonly markets: MarketResolver,
    private readonly store: CandleStore,
    private readonly registry: WarmupRegistry,
    private readonly runner: WarmupRunner,
    @Inject(MARKET_CLOCK) private readonly clock: MarketClock,
  ) {}

  async execute({ request }: StartWarmupCommand): Promise<WarmupResponseDto> {
    const now = this.clock.now();
    const adapter = this.markets.adapter(request.exchange);
    const timeframes = [...new Set(request.timeframes)]
      .map((t) => parseTimeframe(t, adapter.capabilities.timeframes))
      .sort((a, b) => b.ms - a.ms);
    const symbols: string[] = [];
    for (const raw of request.symbols) {
      const { symbol } = await this.markets.market(adapter, raw);
      if (!symbols.includes(symbol)) symbols.push(symbol);
    }

    const asked: { series: CandleSeries; range: CandleRange }[] = [];
    for (const { timeframe, ms } of timeframes) {
      const range = warmupWindow(request.candles, ms, now);
      if (range === null) continue;
      for (const symbol of symbols) {
        asked.push({ series: { exchange: adapter.id, symbol, timeframe, stepMs: ms }, range });
      }
    }
    const covered = await this.store.coverages(asked);
    const scanned: ScannedSeries[] = asked.map(({ series, range }, i) => ({
      symbol: series.symbol,
      timeframe: series.timeframe,
      stepMs: series.stepMs,
      wanted: range,
      covered: covered[i] ?? [],
    }));
    const items = planWarmup(scanned, adapter.capabilities.ohlcvPageSize);

    const warmup: Warmup = {
      id: randomUUID(),
      exchange: adapter.id,
      symbols,
      timeframes: timeframes.map((t) => t.timeframe),
      candles: request.candles,
      dryRun: request.dryRun === true,
      status: items.length === 0 ? 'done' : 'planned',
      createdAt: now,
      startedAt: null,
      finishedAt: items.length === 0 ? now : null,
      schedule: items.map((i) => ({ ...i, callsDone: 0, status: 'pending' })),
    };
    this.registry.add(warmup);
    this.runner.publish(warmup);
    const response = toWarmupResponse(warmup, now);
    if (items.length > 0 && !warmup.dryRun) this.runner.start(warmup, adapter);
    return response;
  }
}
