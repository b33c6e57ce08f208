import { assertNever } from '../../shared/decider';
import type {
  StrategyConfiguration,
  StrategyLifecycleEvent,
  StrategyMode,
  StrategyStopReason,
} from './strategy-lifecycle.events';

export type StrategyStatus = 'none' | 'registered' | 'running' | 'stopped';

export interface StrategyLifecycleState {
  readonly status: StrategyStatus;
  readonly strategyId: string;
  readonly name: string;
  readonly configuration: StrategyConfiguration | null;
  /** The current (or last) run's number; 0 before the first start. */
  readonly run: number;
  readonly mode: StrategyMode | null;
  readonly clientOrderIdPrefix: string | null;
  readonly signals: number;
  readonly lastFailure: { readonly hook: string; readonly message: string; readonly at: string } | null;
  readonly lastStop: { readonly reason: StrategyStopReason; readonly at: string } | null;
}

export const initialStrategyState = (): StrategyLifecycleState => ({
  status: 'none',
  strategyId: '',
  name: '',
  configuration: null,
  run: 0,
  mode: null,
  clientOrderIdPrefix: null,
  signals: 0,
  lastFailure: null,
  lastStop: null,
});

export function evolveStrategy(s: StrategyLifecycleState, e: StrategyLifecycleEvent): StrategyLifecycleState {
  switch (e.type) {
    case 'StrategyRegistered':
      return {
        ...s,
        status: 'registered',
        strategyId: e.strategyId,
        name: e.name,
        configuration: e.configuration,
      };
    case 'StrategyReconfigured':
      return { ...s, configuration: e.configuration };
    case 'StrategyStarted':
      return {
        ...s,
        status: 'running',
        run: e.run,
        mode: e.mode,
        clientOrderIdPrefix: e.clientOrderIdPrefix,
        signals: 0,
        lastFailure: null,
      };
    case 'StrategySignalled':
      return { ...s, signals: s.signals + 1 };
    case 'StrategyOrderRouted':
    case 'StrategyOrderRefused':
      return s;
    case 'StrategyFailed':
      return { ...s, lastFailure: { hook: e.hook, message: e.message, at: e.at } };
    case 'StrategyStopped':
      return { ...s, status: 'stopped', lastStop: { reason: e.reason, at: e.at } };
    default:
      return assertNever(e);
  }
}
