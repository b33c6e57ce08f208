import { Module, type OnModuleInit } from '@nestjs/common';
import { replayerFromEvolve } from '../../domain/audit';
import { evolveAccountRisk, initialAccountRiskState } from '../../domain/risk';
import { AccountsModule } from '../accounts';
import { AuditModule, StreamReplayerRegistry } from '../audit';
import { ACCOUNT_RISK_STREAM_PREFIX, AccountRiskStore } from './account-risk.store';
import { SetRiskPolicyHandler } from './commands/set-risk-policy/set-risk-policy.handler';
import {
  RearmKillSwitchHandler,
  SetRiskModeHandler,
  TripKillSwitchHandler,
} from './commands/trip-kill-switch/trip-kill-switch.handler';
import { EquityWatermarksRepository } from './monitor/equity-watermarks.repository';
import { LossMonitor } from './monitor/loss-monitor';
import { OpenOrdersRegistry } from './open-orders.source';
import { PreTradeGate } from './pre-trade/pre-trade.gate';
import { GetRiskPolicyHandler } from './queries/get-risk-policy/get-risk-policy.handler';
import { SizePositionHandler } from './queries/size-position/size-position.handler';
import { RiskHttpController } from './risk.http.controller';

/** Risk: the account risk stream (policy, ACTIVE/REDUCING/HALTED, kill switch), the pre-trade gate, the loss monitor, sizing. */
@Module({
  imports: [AuditModule, AccountsModule],
  controllers: [RiskHttpController],
  providers: [
    AccountRiskStore,
    OpenOrdersRegistry,
    PreTradeGate,
    EquityWatermarksRepository,
    LossMonitor,
    SetRiskPolicyHandler,
    TripKillSwitchHandler,
    RearmKillSwitchHandler,
    SetRiskModeHandler,
    GetRiskPolicyHandler,
    SizePositionHandler,
  ],
  exports: [AccountRiskStore, OpenOrdersRegistry, PreTradeGate, LossMonitor],
})
export class RiskModule implements OnModuleInit {
  constructor(private readonly replayers: StreamReplayerRegistry) {}

  onModuleInit(): void {
    this.replayers.register(
      replayerFromEvolve(
        'account-risk',
        ACCOUNT_RISK_STREAM_PREFIX,
        initialAccountRiskState,
        evolveAccountRisk,
      ),
    );
  }
}
