import { ApiProperty } from '@nestjs/swagger';
import type { AccountRiskState, RiskPolicy } from '../../../../domain/risk';

export class RiskPolicyResponseDto {
  @ApiProperty() accountId!: string;
  @ApiProperty({
    description: 'The account risk stream version: it grows with every policy or state change.',
  })
  version!: number;
  @ApiProperty({ enum: ['ACTIVE', 'REDUCING', 'HALTED'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) haltReason!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) haltedAt!: string | null;
  @ApiProperty({
    description: 'The limits: decimal strings or null (no limit), counts as integers.',
    example: {
      maxOrderNotional: '50000',
      maxPositionNotional: null,
      maxGrossExposure: null,
      maxOpenOrders: 50,
      maxDailyLoss: '1000',
      maxDrawdownPct: '10',
      priceBandPct: '5',
      maxOrdersPerSecond: 20,
      allowedSymbols: null,
      flattenOnLossBreach: false,
    },
  })
  policy!: RiskPolicy;
}

export function toRiskPolicyResponse(
  accountId: string,
  state: AccountRiskState,
  version: bigint,
): RiskPolicyResponseDto {
  return {
    accountId,
    version: Number(version),
    status: state.status,
    haltReason: state.haltReason,
    haltedAt: state.haltedAt,
    policy: state.policy,
  };
}
