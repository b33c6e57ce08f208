import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { toWire } from '../../../../domain/shared/decimal';
import { requestContext } from '../../../../infrastructure/observability/request-context';
import { AccountDirectory, PositionsReader } from '../../../accounts';
import { AccountRiskStore } from '../../account-risk.store';
import { OpenOrdersRegistry } from '../../open-orders.source';
import {
  toRiskPolicyResponse,
  type RiskPolicyResponseDto,
} from '../../queries/get-risk-policy/risk-policy.response.dto';
import {
  RearmKillSwitchCommand,
  SetRiskModeCommand,
  TripKillSwitchCommand,
} from './trip-kill-switch.command';

function actor(): string {
  return requestContext.current()?.actor ?? 'system:unknown';
}

/**
 * KillSwitchTripped names the open orders and (with flatten) the positions to close: the orders
 * context's process manager executes those intents as events of their own.
 */
@CommandHandler(TripKillSwitchCommand)
export class TripKillSwitchHandler implements ICommandHandler<TripKillSwitchCommand> {
  constructor(
    private readonly risk: AccountRiskStore,
    private readonly accounts: AccountDirectory,
    private readonly positions: PositionsReader,
    private readonly openOrders: OpenOrdersRegistry,
  ) {}

  async execute(c: TripKillSwitchCommand): Promise<RiskPolicyResponseDto> {
    await this.accounts.get(c.accountId);
    const [openOrderIds, positions] = await Promise.all([
      this.openOrders.openOrderIds(c.accountId),
      this.positions.records(c.accountId),
    ]);
    const result = await this.risk.handle(c.accountId, {
      type: 'TripKillSwitch',
      accountId: c.accountId,
      reason: c.reason,
      flatten: c.flatten,
      by: c.by ?? actor(),
      openOrderIds,
      positions: positions.map((p) => ({ symbol: p.symbol, quantity: toWire(p.quantity) })),
      at: new Date().toISOString(),
    });
    return toRiskPolicyResponse(c.accountId, result.state, result.version);
  }
}

@CommandHandler(RearmKillSwitchCommand)
export class RearmKillSwitchHandler implements ICommandHandler<RearmKillSwitchCommand> {
  constructor(
    private readonly risk: AccountRiskStore,
    private readonly accounts: AccountDirectory,
  ) {}

  async execute(c: RearmKillSwitchCommand): Promise<RiskPolicyResponseDto> {
    await this.accounts.get(c.accountId);
    const result = await this.risk.handle(
      c.accountId,
      {
        type: 'RearmKillSwitch',
        accountId: c.accountId,
        to: c.to,
        reason: c.reason,
        by: actor(),
        at: new Date().toISOString(),
      },
      0, // no retry: a re-arm that meets a concurrent change answers the conflict
    );
    return toRiskPolicyResponse(c.accountId, result.state, result.version);
  }
}

@CommandHandler(SetRiskModeCommand)
export class SetRiskModeHandler implements ICommandHandler<SetRiskModeCommand> {
  constructor(
    private readonly risk: AccountRiskStore,
    private readonly accounts: AccountDirectory,
  ) {}

  async execute(c: SetRiskModeCommand): Promise<RiskPolicyResponseDto> {
    await this.accounts.get(c.accountId);
    const result = await this.risk.handle(c.accountId, {
      type: 'SetRiskMode',
      accountId: c.accountId,
      mode: c.mode,
      reason: c.reason,
      by: actor(),
      at: new Date().toISOString(),
    });
    return toRiskPolicyResponse(c.accountId, result.state, result.version);
  }
}
