import { Query } from '@nestjs/cqrs';
import type { RiskPolicyResponseDto } from './risk-policy.response.dto';

export class GetRiskPolicyQuery extends Query<RiskPolicyResponseDto> {
  constructor(readonly accountId: string) {
    super();
  }
}
