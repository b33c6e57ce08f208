import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

export class BracketLegRequestDto {
  @ApiProperty({ example: '65000', description: 'Decimal string on the tick.' })
  @IsString()
  triggerPrice!: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Limit price once triggered; absent = market.',
  })
  @IsOptional()
  @IsString()
  price?: string | null;
}

export class PlaceOrderRequestDto {
  @ApiProperty({ example: 'acc_3f2a9c0d1e4b5a6f' })
  @IsString()
  @Length(1, 64)
  accountId!: string;

  @ApiProperty({
    example: 'my-strategy-000123',
    description: 'Your idempotency key, unique per account: the same request again returns the same order.',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'clientOrderId must be 1-64 of A-Z a-z 0-9 _ . : -' })
  clientOrderId!: string;

  @ApiProperty({ example: 'BTC/USDT:USDT' })
  @IsString()
  @Length(1, 64)
  symbol!: string;

  @ApiProperty({ enum: ['buy', 'sell'] })
  @IsIn(['buy', 'sell'])
  side!: 'buy' | 'sell';

  @ApiProperty({
    enum: ['market', 'limit', 'stop_market', 'stop_limit', 'take_profit_market', 'take_profit_limit'],
  })
  @IsIn(['market', 'limit', 'stop_market', 'stop_limit', 'take_profit_market', 'take_profit_limit'])
  type!: 'market' | 'limit' | 'stop_market' | 'stop_limit' | 'take_profit_market' | 'take_profit_limit';

  @ApiProperty({ example: '0.01', description: 'Decimal string > 0 on the lot size.' })
  @IsString()
  quantity!: string;

  @ApiPropertyOptional({
    example: '62000.5',
    description: 'Required for limit types; decimal string on the tick.',
  })
  @IsOptional()
  @IsString()
  price?: string;

  @ApiPropertyOptional({ description: 'Required for stop and take-profit types.' })
  @IsOptional()
  @IsString()
  triggerPrice?: string;

  @ApiPropertyOptional({ enum: ['gtc', 'ioc', 'fok', 'post_only', 'gtd'], default: 'gtc' })
  @IsOptional()
  @IsIn(['gtc', 'ioc', 'fok', 'post_only', 'gtd'])
  timeInForce?: 'gtc' | 'ioc' | 'fok' | 'post_only' | 'gtd';

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  reduceOnly?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'With timeInForce gtd: the order expires then.' })
  @IsOptional()
  @IsString()
  expiresAt?: string;

  @ApiPropertyOptional({
    type: BracketLegRequestDto,
    description: 'Armed when the entry fills; one-cancels-other with stopLoss.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BracketLegRequestDto)
  takeProfit?: BracketLegRequestDto;

  @ApiPropertyOptional({ type: BracketLegRequestDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BracketLegRequestDto)
  stopLoss?: BracketLegRequestDto;
}
