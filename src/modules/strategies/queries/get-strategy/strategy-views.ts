import { Injectable } from '@nestjs/common';
import type { StrategyLifecycleState, StrategyStopped } from '../../../../domain/strategy/lifecycle';
import { StrategyRuntime } from '../../runtime/strategy-runtime';
import type { StrategyRow } from '../../strategies.repository';
import type { StrategyResponseDto, StrategyRuntimeDto } from './strategy.response.dto';

/** The API's view of a strategy: the aggregate's state plus its runtime (live here, else final). */
@Injectable()
export class StrategyViews {
  constructor(private readonly runtime: StrategyRuntime) {}

  of(state: StrategyLifecycleState, stopped?: StrategyStopped): StrategyResponseDto {
    const config = state.configuration;
    return {
      id: state.strategyId,
      name: state.name,
      status: state.status,
      mode: state.mode,
      run: state.run,
      configuration: {
        version: config?.version ?? 0,
        strategy: config?.strategy ?? '',
        params: { ...(config?.params ?? {}) },
        symbols: config?.symbols ?? [],
        accountId: config?.accountId ?? '',
        timeframe: config?.timeframe ?? '1m',
        leader: config?.leader ?? null,
      },
      signals: state.signals,
      lastFailure: state.lastFailure,
      lastStop: state.lastStop,
      runtime: this.runtimeOf(state.strategyId, stopped),
    };
  }

  ofRow(row: StrategyRow): StrategyResponseDto {
    return {
      id: row.strategyId,
      name: row.name,
      status: row.status,
      mode: row.mode,
      run: row.run,
      configuration: { ...row.configuration, params: { ...row.configuration.params } },
      signals: null,
      lastFailure: row.lastFailure,
      lastStop: row.lastStop === null ? null : { reason: row.lastStop.reason, at: row.lastStop.at },
      runtime: this.runtimeOf(row.strategyId, undefined),
    };
  }

  private runtimeOf(strategyId: string, stopped: StrategyStopped | undefined): StrategyRuntimeDto | null {
    const live = this.runtime.snapshot(strategyId);
    if (live !== undefined)
      return {
        source: 'live',
        at: live.at,
        table: live.table,
        positions: live.positions,
        openOrders: live.openOrders,
      };
    if (stopped !== undefined) return { source: 'final', at: null, table: stopped.snapshot };
    return null;
  }
}
