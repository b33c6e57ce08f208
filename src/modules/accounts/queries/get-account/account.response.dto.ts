import { ApiProperty } from '@nestjs/swagger';
import type { AccountRecord } from '../../account-directory';

export class AccountResponseDto {
  @ApiProperty({ example: 'acc_3f2a9c0d1e4b5a6f' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'sim' }) exchange!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The environment variable prefix the credentials are read from (never a secret).',
  })
  credentialsEnv!: string | null;
  @ApiProperty({ example: { USDT: '10000' }, description: 'Starting balances (decimal strings).' })
  initialBalances!: Record<string, string>;
  @ApiProperty({ enum: ['ACTIVE', 'REDUCING', 'HALTED'] }) riskStatus!: string;
  @ApiProperty({ nullable: true, type: String }) haltReason!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toAccountResponse(r: AccountRecord): AccountResponseDto {
  return {
    id: r.accountId,
    name: r.name,
    exchange: r.exchange,
    credentialsEnv: r.credentialsEnv,
    initialBalances: r.initialBalances,
    riskStatus: r.riskStatus,
    haltReason: r.haltReason,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}
