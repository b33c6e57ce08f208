import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { progressOf, type Warmup } from '../../warmup/warmup';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class CandleRangeDto {
  @ApiProperty({ description: 'Open time of the first candle, ms' }) from!: number;
  @ApiProperty({ description: 'Open time of the last candle (inclusive), ms' }) to!: number;
}

export class WarmupErrorDto {
  @ApiProperty({ example: 'VENUE_UNAVAILABLE' }) code!: string;
  @ApiProperty() message!: string;
}

export class WarmupScheduleItemDto {
  @ApiProperty({ example: 'BTC/USDT:USDT' }) symbol!: string;
  @ApiProperty({ example: '1h' }) timeframe!: string;
  @ApiProperty({ type: CandleRangeDto, isArray: true, description: 'The ranges the store is missing' })
  gaps!: CandleRangeDto[];
  @ApiProperty() missingCandles!: number;
  @ApiProperty({ description: 'Venue requests planned (the fewest its page size allows)' }) calls!: number;
  @ApiProperty() callsDone!: number;
  @ApiProperty({ enum: ['pending', 'running', 'done', 'failed'] }) status!: string;
  @ApiPropertyOptional({ type: WarmupErrorDto }) error?: WarmupErrorDto;
}

export class WarmupFailureDto {
  @ApiProperty() symbol!: string;
  @ApiProperty() timeframe!: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class WarmupProgressDto {
  @ApiProperty({ example: 42.5, description: 'Venue requests made, of those planned' }) percent!: number;
  @ApiProperty() callsDone!: number;
  @ApiProperty() callsTotal!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Estimated ms left, from the pace so far' })
  etaMs!: number | null;
  @ApiProperty({ type: String, isArray: true }) symbolsRemaining!: string[];
  @ApiProperty({ type: WarmupFailureDto, isArray: true }) failures!: WarmupFailureDto[];
}

export class WarmupResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'sim' }) exchange!: string;
  @ApiProperty({
    enum: ['planned', 'running', 'done', 'failed'],
    description: 'failed = finished with at least one failed item (see progress.failures)',
  })
  status!: string;
  @ApiProperty({ type: String, isArray: true }) symbols!: string[];
  @ApiProperty({ type: String, isArray: true, description: 'Largest first, the order they run in' })
  timeframes!: string[];
  @ApiProperty() candles!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({
    type: WarmupScheduleItemDto,
    isArray: true,
    description: 'Only the (symbol, timeframe) series with missing candles, in the order they run',
  })
  schedule!: WarmupScheduleItemDto[];
  @ApiProperty({ type: WarmupProgressDto }) progress!: WarmupProgressDto;
}

export function toWarmupResponse(w: Warmup, now: number): WarmupResponseDto {
  return {
    id: w.id,
    exchange: w.exchange,
    status: w.status,
    symbols: w.symbols,
    timeframes: w.timeframes,
    candles: w.candles,
    createdAt: new Date(w.createdAt).toISOString(),
    startedAt: iso(w.startedAt),
    finishedAt: iso(w.finishedAt),
    schedule: w.schedule.map((i) => ({
      symbol: i.symbol,
      timeframe: i.timeframe,
      gaps: i.gaps.map((g) => ({ ...g })),
      missingCandles: i.missingCandles,
      calls: i.pages.length,
      callsDone: i.callsDone,
      status: i.status,
      ...(i.error === undefined ? {} : { error: { ...i.error } }),
    })),
    progress: progressOf(w, now),
  };
}
