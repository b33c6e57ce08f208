import { Command } from '@nestjs/cqrs';
import type { RiskPolicyResponseDto } from '../../queries/get-risk-policy/risk-policy.response.dto';
import type { SetRiskPolicyRequestDto } from './set-risk-policy.request.dto';

export class SetRiskPolicyCommand extends Command<RiskPolicyResponseDto> {
  constructor(
    readonly accountId: string,
    readonly request: SetRiskPolicyRequestDto,
  ) {
    super();
  }
}
