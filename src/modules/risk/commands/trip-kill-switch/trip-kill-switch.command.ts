import { Command } from '@nestjs/cqrs';
import type { RiskPolicyResponseDto } from '../../queries/get-risk-policy/risk-policy.response.dto';

/** Trips the kill switch; `by` overrides the request's actor (the loss monitor trips as system:loss-monitor). */
export class TripKillSwitchCommand extends Command<RiskPolicyResponseDto> {
  constructor(
    readonly accountId: string,
    readonly reason: string,
    readonly flatten: boolean,
    readonly by?: string,
  ) {
    super();
  }
}

export class RearmKillSwitchCommand extends Command<RiskPolicyResponseDto> {
  constructor(
    readonly accountId: string,
    readonly to: 'ACTIVE' | 'REDUCING',
    readonly reason: string,
  ) {
    super();
  }
}

export class SetRiskModeCommand extends Command<RiskPolicyResponseDto> {
  constructor(
    readonly accountId: string,
    readonly mode: 'ACTIVE' | 'REDUCING',
    readonly reason: string,
  ) {
    super();
  }
}
