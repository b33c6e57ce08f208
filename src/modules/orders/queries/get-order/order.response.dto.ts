import { ApiProperty } from '@nestjs/swagger';

export class FillResponseDto {
  @ApiProperty({ description: "The venue's fill id (applied once)." }) fillId!: string;
  @ApiProperty() price!: string;
  @ApiProperty() quantity!: string;
  @ApiProperty({ description: 'Paid (> 0) or rebate (< 0).' }) fee!: string;
  @ApiProperty({ nullable: true, type: String }) feeCurrency!: string | null;
  @ApiProperty({ enum: ['maker', 'taker'] }) liquidity!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class OrderResponseDto {
  @ApiProperty({ example: 'ord_5d41402abc4b2a76b9719d91' }) orderId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() clientOrderId!: string;
  @ApiProperty({ example: 'BTC/USDT:USDT' }) symbol!: string;
  @ApiProperty({ enum: ['buy', 'sell'] }) side!: string;
  @ApiProperty() type!: string;
  @ApiProperty({
    enum: ['new', 'accepted', 'working', 'partially_filled', 'filled', 'cancelled', 'rejected', 'expired'],
  })
  status!: string;
  @ApiProperty({ example: '0.01' }) quantity!: string;
  @ApiProperty({ nullable: true, type: String }) price!: string | null;
  @ApiProperty({ nullable: true, type: String }) triggerPrice!: string | null;
  @ApiProperty() timeInForce!: string;
  @ApiProperty() reduceOnly!: boolean;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty() filled!: string;
  @ApiProperty() remaining!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Volume-weighted over the fills.' })
  averagePrice!: string | null;
  @ApiProperty() fees!: string;
  @ApiProperty({ nullable: true, type: String }) venueOrderId!: string | null;
  @ApiProperty({ nullable: true, type: String }) parentOrderId!: string | null;
  @ApiProperty({ nullable: true, type: String }) parentLeg!: string | null;
  @ApiProperty({ nullable: true, type: Object }) takeProfit!: unknown;
  @ApiProperty({ nullable: true, type: Object }) stopLoss!: unknown;
  @ApiProperty({ enum: ['none', 'waiting_entry', 'armed', 'triggered'] }) bracketStatus!: string;
  @ApiProperty() cancelRequested!: boolean;
  @ApiProperty() pendingAmend!: boolean;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'Why it was rejected: source risk (details.violations: rule, limit, value) or venue.',
  })
  rejection!: unknown;
  @ApiProperty({ nullable: true, type: String }) lastAmendRejection!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'The order stream version this view reflects.' }) version!: number;
}

export class OrderWithFillsResponseDto extends OrderResponseDto {
  @ApiProperty({ type: FillResponseDto, isArray: true }) fills!: FillResponseDto[];
}

export class OrderPageResponseDto {
  @ApiProperty({ type: OrderResponseDto, isArray: true }) items!: OrderResponseDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null at the end.',
  })
  nextCursor!: string | null;
}
