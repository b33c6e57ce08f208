import type { RiskPolicy } from './risk-policy';

export type RiskStatusName = 'ACTIVE' | 'REDUCING' | 'HALTED';

export interface RiskPolicySet {
  readonly type: 'RiskPolicySet';
  readonly accountId: string;
  readonly policy: RiskPolicy;
  readonly by: string;
  readonly at: string;
}

export interface AccountRiskModeChanged {
  readonly type: 'AccountRiskModeChanged';
  readonly accountId: string;
  readonly from: RiskStatusName;
  readonly to: 'ACTIVE' | 'REDUCING';
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface PositionCloseIntent {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: string; // reduce-only market order for this much
}

/** Halts new risk; a process manager cancels `cancelOrderIds` and places `closePositions`. */
export interface KillSwitchTripped {
  readonly type: 'KillSwitchTripped';
  readonly accountId: string;
  readonly reason: string;
  readonly flatten: boolean;
  readonly by: string;
  readonly previousStatus: RiskStatusName;
  readonly cancelOrderIds: readonly string[];
  readonly closePositions: readonly PositionCloseIntent[];
  readonly at: string;
}

export interface KillSwitchRearmed {
  readonly type: 'KillSwitchRearmed';
  readonly accountId: string;
  readonly to: 'ACTIVE' | 'REDUCING';
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export type AccountRiskEvent = RiskPolicySet | AccountRiskModeChanged | KillSwitchTripped | KillSwitchRearmed;
