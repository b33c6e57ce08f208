import { ApiProperty } from '@nestjs/swagger';

export class PositionResponseDto {
  @ApiProperty({ example: 'BTC/USDT:USDT' }) symbol!: string;
  @ApiProperty({ enum: ['long', 'short', 'flat'] }) side!: string;
  @ApiProperty({ example: '0.5', description: 'Signed: > 0 long, < 0 short.' }) quantity!: string;
  @ApiProperty({ description: 'Entry notional of the open quantity.' }) cost!: string;
  @ApiProperty({ description: 'cost / |quantity| (12 decimals at most).' }) averageEntry!: string;
  @ApiProperty({ description: 'Realized on closed quantity, before fees and funding.' }) realizedPnl!: string;
  @ApiProperty() fees!: string;
  @ApiProperty({ description: 'Received (> 0) or paid (< 0).' }) funding!: string;
  @ApiProperty({ description: 'realizedPnl - fees + funding.' }) netRealizedPnl!: string;
  @ApiProperty({ nullable: true, type: String }) markPrice!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'At the mark: (mark - entry) * quantity.' })
  unrealizedPnl!: string | null;
}
