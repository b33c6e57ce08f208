import { assertNever } from '../shared/decider';
import type { AccountRiskEvent, RiskStatusName } from './account-risk.events';
import { UNLIMITED_POLICY, type RiskPolicy } from './risk-policy';

export type RiskStatus = RiskStatusName;

export interface AccountRiskState {
  readonly status: RiskStatus;
  readonly policy: RiskPolicy;
  readonly haltReason: string | null;
  readonly haltedAt: string | null;
}

export function initialAccountRiskState(): AccountRiskState {
  return { status: 'ACTIVE', policy: UNLIMITED_POLICY, haltReason: null, haltedAt: null };
}

export function evolveAccountRisk(state: AccountRiskState, event: AccountRiskEvent): AccountRiskState {
  switch (event.type) {
    case 'RiskPolicySet':
      return { ...state, policy: event.policy };
    case 'AccountRiskModeChanged':
      return { ...state, status: event.to };
    case 'KillSwitchTripped':
      return { ...state, status: 'HALTED', haltReason: event.reason, haltedAt: event.at };
    case 'KillSwitchRearmed':
      return { ...state, status: event.to, haltReason: null, haltedAt: null };
    default:
      return assertNever(event);
  }
}
