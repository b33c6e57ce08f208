/**
 * Pre-trade risk, the kill switch, the loss monitor and position sizing (issue 5). Pure.
 *
 * - `RiskPolicy` (JSON, decimal strings, null = no limit), `UNLIMITED_POLICY`, `validateRiskPolicy`.
 * - `checkPreTrade(order, policy, account, market, now)` -> {ok, violations: [{rule, limit, value,
 *   message}]}; `assertPreTrade(...)` throws `RiskRejectedError` (422, RISK_REJECTED, details.violations).
 *   Run it inside the place command, then record RejectOrder {source: 'risk', reason: 'RISK_REJECTED',
 *   details: error.details} on the order.
 * - Account risk stream: `accountRiskDecider` with SetRiskPolicy, SetRiskMode (ACTIVE / REDUCING),
 *   TripKillSwitch (yields KillSwitchTripped with cancelOrderIds and, with flatten, closePositions:
 *   the intents a process manager executes), RearmKillSwitch (refused unless HALTED; admin-only at
 *   the edge). Errors: `InvalidRiskStateTransitionError` (409), `InvalidRiskInputError` (400).
 * - Loss monitor: `trackEquity`, `checkLossLimits`, `monitorLosses(policy, status, watermarks, equity,
 *   at)` -> {watermarks, trip | null}; the trip becomes a TripKillSwitch with by 'system:loss-monitor'.
 * - Sizing: `sizePosition({equity, riskPct, entryPrice, stopPrice, instrument})`, rounded down to the
 *   lot; `PositionSizeTooSmallError` (422) below the minimum quantity.
 */
export * from './risk-violation';
export * from './risk.errors';
export * from './risk-policy';
export * from './worst-case-exposure';
export * from './pre-trade-check';
export * from './loss-limits';
export * from './account-risk.commands';
export * from './account-risk.events';
export * from './account-risk.state';
export * from './account-risk.decide';
export * from './position-sizing';
