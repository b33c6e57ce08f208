import { assertNever, type Decider } from '../../shared/decider';
import type { StrategyLifecycleCommand } from './strategy-lifecycle.commands';
import {
  InvalidStrategyTransitionError,
  StrategyAlreadyExistsError,
  StrategyNotFoundError,
} from './strategy-lifecycle.errors';
import type { StrategyLifecycleEvent } from './strategy-lifecycle.events';
import {
  evolveStrategy,
  initialStrategyState,
  type StrategyLifecycleState,
} from './strategy-lifecycle.state';

/** Client order ids of a run start with this: `stg.<strategyId>.<run>.` (fits the 64-char limit). */
export function runOrderPrefix(strategyId: string, run: number): string {
  return `stg.${strategyId}.${run}.`;
}

function refuse(s: StrategyLifecycleState, action: string): never {
  throw new InvalidStrategyTransitionError(`cannot ${action} a strategy that is ${s.status}`, {
    strategyId: s.strategyId,
    status: s.status,
    action,
  });
}

/** True when a run-scoped command belongs to the run in progress (else it is dropped: no events). */
function inCurrentRun(s: StrategyLifecycleState, run: number): boolean {
  return s.status === 'running' && s.run === run;
}

/**
 * registered -> running (paper | live) -> stopped -> running ... Configuration changes only while
 * not running, each a new version. Facts of a run (signals, routing, failure) are accepted only from
 * that run: a late report from a run already stopped decides nothing.
 */
export function decideStrategy(
  c: StrategyLifecycleCommand,
  s: StrategyLifecycleState,
): StrategyLifecycleEvent[] {
  if (c.type !== 'RegisterStrategy' && s.status === 'none') throw new StrategyNotFoundError(s.strategyId);
  const strategyId = s.strategyId;
  switch (c.type) {
    case 'RegisterStrategy':
      if (s.status !== 'none')
        throw new StrategyAlreadyExistsError(`strategy ${c.strategyId} exists`, { strategyId: c.strategyId });
      return [
        {
          type: 'StrategyRegistered',
          strategyId: c.strategyId,
          name: c.name,
          configuration: { ...c.configuration, version: 1 },
          at: c.at,
        },
      ];
    case 'ReconfigureStrategy': {
      if (s.status === 'running') refuse(s, 'reconfigure');
      const version = (s.configuration?.version ?? 0) + 1;
      return [
        {
          type: 'StrategyReconfigured',
          strategyId,
          configuration: { ...c.configuration, version },
          at: c.at,
        },
      ];
    }
    case 'StartStrategy': {
      if (s.status === 'running') refuse(s, 'start');
      const run = s.run + 1;
      return [
        {
          type: 'StrategyStarted',
          strategyId,
          run,
          mode: c.mode,
          configurationVersion: s.configuration?.version ?? 1,
          clientOrderIdPrefix: runOrderPrefix(strategyId, run),
          at: c.at,
        },
      ];
    }
    case 'RecordSignals':
      if (!inCurrentRun(s, c.run)) return [];
      return c.signals.map((signal) => ({
        type: 'StrategySignalled',
        strategyId,
        run: c.run,
        signalAt: signal.at,
        name: signal.name,
        inputs: signal.inputs,
        intent: signal.intent,
        at: c.at,
      }));
    case 'RecordOrderRouted':
      if (!inCurrentRun(s, c.run)) return [];
      return [
        {
          type: 'StrategyOrderRouted',
          strategyId,
          run: c.run,
          ref: c.ref,
          intent: c.intent,
          orderId: c.orderId,
          clientOrderId: c.clientOrderId,
          at: c.at,
        },
      ];
    case 'RecordOrderRefused':
      if (!inCurrentRun(s, c.run)) return [];
      return [
        {
          type: 'StrategyOrderRefused',
          strategyId,
          run: c.run,
          ref: c.ref,
          intent: c.intent,
          code: c.code,
          message: c.message,
          details: c.details,
          at: c.at,
        },
      ];
    case 'FailStrategy':
      if (!inCurrentRun(s, c.run)) return [];
      return [{ type: 'StrategyFailed', strategyId, run: c.run, hook: c.hook, message: c.message, at: c.at }];
    case 'StopStrategy':
      if (s.status !== 'running') refuse(s, 'stop');
      if (c.run !== null && c.run !== s.run) return [];
      return [
        {
          type: 'StrategyStopped',
          strategyId,
          run: s.run,
          reason: c.reason,
          closePositions: c.closePositions,
          cancelledOrderIds: c.cancelledOrderIds,
          closingOrderIds: c.closingOrderIds,
          snapshot: c.snapshot,
          at: c.at,
        },
      ];
    default:
      return assertNever(c);
  }
}

export const strategyDecider: Decider<
  StrategyLifecycleState,
  StrategyLifecycleCommand,
  StrategyLifecycleEvent
> = {
  initialState: initialStrategyState,
  evolve: evolveStrategy,
  decide: decideStrategy,
};
