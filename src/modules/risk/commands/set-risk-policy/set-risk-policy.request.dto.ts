import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** Every limit is optional: absent or null = no limit. Decimal limits are decimal strings. */
export class SetRiskPolicyRequestDto {
  @ApiPropertyOptional({
    example: '50000',
    nullable: true,
    type: String,
    description: 'Max notional of one order (quote currency).',
  })
  @IsOptional()
  @IsString()
  maxOrderNotional?: string | null;

  @ApiPropertyOptional({
    example: '200000',
    nullable: true,
    type: String,
    description: 'Max |position| x mark per symbol.',
  })
  @IsOptional()
  @IsString()
  maxPositionNotional?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Max sum of |position| x mark over symbols.',
  })
  @IsOptional()
  @IsString()
  maxGrossExposure?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Max open orders (the new one included).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER) // a count past 2^53 is not exact in JSON numbers
  maxOpenOrders?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Start-of-day equity - equity (UTC days).',
  })
  @IsOptional()
  @IsString()
  maxDailyLoss?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: '(peak - equity) / peak x 100.' })
  @IsOptional()
  @IsString()
  maxDrawdownPct?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Fat finger: max |price - mark| / mark x 100.',
  })
  @IsOptional()
  @IsString()
  priceBandPct?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER) // a count past 2^53 is not exact in JSON numbers
  maxOrdersPerSecond?: number | null;

  @ApiPropertyOptional({ nullable: true, type: [String], example: ['BTC/USDT:USDT'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  allowedSymbols?: string[] | null;

  @ApiPropertyOptional({
    default: false,
    description: 'Whether the loss monitor also flattens positions when it trips.',
  })
  @IsOptional()
  @IsBoolean()
  flattenOnLossBreach?: boolean;
}
