import { ApiProperty } from '@nestjs/swagger';

export class SizePositionResponseDto {
  @ApiProperty({ example: '0.161', description: 'riskAmount / stopDistance rounded DOWN to the lot size.' })
  quantity!: string;
  @ApiProperty({ description: 'equity x riskPct / 100.' }) riskAmount!: string;
  @ApiProperty({ description: '|entryPrice - stopPrice|.' }) stopDistance!: string;
  @ApiProperty({ description: 'quantity x stopDistance (never above riskAmount).' }) riskAtStop!: string;
  @ApiProperty() equity!: string;
  @ApiProperty() lotSize!: string;
}
