import type { OrderIntent, StrategyRuntimeView, StrategySignal } from '../strategy.types';
import type { StrategyConfiguration, StrategyMode, StrategyStopReason } from './strategy-lifecycle.events';

type Configuration = Omit<StrategyConfiguration, 'version'>;

export interface RegisterStrategy {
  readonly type: 'RegisterStrategy';
  readonly strategyId: string;
  readonly name: string;
  readonly configuration: Configuration;
  readonly at: string;
}

export interface ReconfigureStrategy {
  readonly type: 'ReconfigureStrategy';
  readonly configuration: Configuration;
  readonly at: string;
}

export interface StartStrategy {
  readonly type: 'StartStrategy';
  readonly mode: StrategyMode;
  readonly at: string;
}

/** Run-scoped commands name their run: a runner left over from an earlier run records nothing. */
interface InRun {
  readonly run: number;
  readonly at: string;
}

export interface RecordSignals extends InRun {
  readonly type: 'RecordSignals';
  readonly signals: readonly StrategySignal[];
}

export interface RecordOrderRouted extends InRun {
  readonly type: 'RecordOrderRouted';
  readonly ref: string;
  readonly intent: OrderIntent['kind'];
  readonly orderId: string;
  readonly clientOrderId: string;
}

export interface RecordOrderRefused extends InRun {
  readonly type: 'RecordOrderRefused';
  readonly ref: string;
  readonly intent: OrderIntent['kind'];
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface FailStrategy extends InRun {
  readonly type: 'FailStrategy';
  readonly hook: string;
  readonly message: string;
}

export interface StopStrategy {
  readonly type: 'StopStrategy';
  /** The run being stopped (null: whichever is running). */
  readonly run: number | null;
  readonly reason: StrategyStopReason;
  readonly closePositions: boolean;
  readonly cancelledOrderIds: readonly string[];
  readonly closingOrderIds: readonly string[];
  readonly snapshot: StrategyRuntimeView | null;
  readonly at: string;
}

export type StrategyLifecycleCommand =
  | RegisterStrategy
  | ReconfigureStrategy
  | StartStrategy
  | RecordSignals
  | RecordOrderRouted
  | RecordOrderRefused
  | FailStrategy
  | StopStrategy;
