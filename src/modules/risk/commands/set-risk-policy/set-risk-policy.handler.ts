import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RiskPolicy } from '../../../../domain/risk';
import { requestContext } from '../../../../infrastructure/observability/request-context';
import { AccountDirectory, MarketInfo } from '../../../accounts';
import { AccountRiskStore } from '../../account-risk.store';
import { LossMonitor } from '../../monitor/loss-monitor';
import {
  toRiskPolicyResponse,
  type RiskPolicyResponseDto,
} from '../../queries/get-risk-policy/risk-policy.response.dto';
import { SetRiskPolicyCommand } from './set-risk-policy.command';

@CommandHandler(SetRiskPolicyCommand)
export class SetRiskPolicyHandler implements ICommandHandler<SetRiskPolicyCommand> {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly monitor: LossMonitor,
    private readonly risk: AccountRiskStore,
    private readonly markets: MarketInfo,
  ) {}

  async execute({ accountId, request: r }: SetRiskPolicyCommand): Promise<RiskPolicyResponseDto> {
    const account = await this.accounts.get(accountId); // 404 when unknown
    // Orders carry the unified symbol: a native one ('BTCUSDT') stored as given would match none.
    const allowedSymbols =
      r.allowedSymbols === undefined || r.allowedSymbols === null
        ? null
        : await Promise.all(
            r.allowedSymbols.map(async (s) => (await this.markets.instrument(account.exchange, s)).symbol),
          );
    const policy: RiskPolicy = {
      maxOrderNotional: r.maxOrderNotional ?? null,
      maxPositionNotional: r.maxPositionNotional ?? null,
      maxGrossExposure: r.maxGrossExposure ?? null,
      maxOpenOrders: r.maxOpenOrders ?? null,
      maxDailyLoss: r.maxDailyLoss ?? null,
      maxDrawdownPct: r.maxDrawdownPct ?? null,
      priceBandPct: r.priceBandPct ?? null,
      maxOrdersPerSecond: r.maxOrdersPerSecond ?? null,
      allowedSymbols,
      flattenOnLossBreach: r.flattenOnLossBreach ?? false,
    };
    const result = await this.risk.handle(accountId, {
      type: 'SetRiskPolicy',
      accountId,
      policy,
      by: requestContext.current()?.actor ?? 'system:unknown',
      at: new Date().toISOString(),
    });
    // The loss limits count from now: the monitor's first observation is the baseline.
    await this.monitor.check(accountId);
    return toRiskPolicyResponse(accountId, result.state, result.version);
  }
}
