import { ApiProperty } from '@nestjs/swagger';

export class BalanceResponseDto {
  @ApiProperty({ example: 'USDT' }) currency!: string;
  @ApiProperty({ example: '10000', description: 'The starting balance.' }) initial!: string;
  @ApiProperty({ description: 'Realized PnL of closed quantity, before fees and funding.' })
  realizedPnl!: string;
  @ApiProperty({ description: 'Fees paid (negative = rebates received).' }) fees!: string;
  @ApiProperty({ description: 'Funding received (negative = paid).' }) funding!: string;
  @ApiProperty({ description: 'initial + realizedPnl - fees + funding.' }) wallet!: string;
  @ApiProperty({ description: 'Unrealized PnL of open positions at the mark.' }) unrealizedPnl!: string;
  @ApiProperty({ description: 'wallet + unrealizedPnl.' }) equity!: string;
}
