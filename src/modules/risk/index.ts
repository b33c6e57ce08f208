/** The risk module's public contract. */
export { RiskModule } from './risk.module';
export {
  AccountRiskStore,
  accountRiskStreamId,
  ACCOUNT_RISK_STREAM_PREFIX,
  type LoadedRisk,
} from './account-risk.store';
export { OpenOrdersRegistry, type OpenOrdersSource } from './open-orders.source';
export { PreTradeGate, type PreTradeRequest, type OpenQuantitySource } from './pre-trade/pre-trade.gate';
export { LossMonitor } from './monitor/loss-monitor';
export { TripKillSwitchCommand } from './commands/trip-kill-switch/trip-kill-switch.command';
