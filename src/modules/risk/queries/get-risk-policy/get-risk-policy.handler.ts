import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccountDirectory } from '../../../accounts';
import { AccountRiskStore } from '../../account-risk.store';
import { GetRiskPolicyQuery } from './get-risk-policy.query';
import { toRiskPolicyResponse, type RiskPolicyResponseDto } from './risk-policy.response.dto';

@QueryHandler(GetRiskPolicyQuery)
export class GetRiskPolicyHandler implements IQueryHandler<GetRiskPolicyQuery> {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly risk: AccountRiskStore,
  ) {}

  async execute({ accountId }: GetRiskPolicyQuery): Promise<RiskPolicyResponseDto> {
    await this.accounts.get(accountId);
    const { state, version } = await this.risk.load(accountId);
    return toRiskPolicyResponse(accountId, state, version);
  }
}
