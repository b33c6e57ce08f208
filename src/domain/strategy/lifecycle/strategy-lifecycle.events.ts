import type { ParamValues } from '../param-schema';
import type { OrderIntent, SignalInputs, StrategyRuntimeView } from '../strategy.types';

export type StrategyMode = 'paper' | 'live';

/** What a strategy runs with. Each change while stopped is a new version. */
export interface StrategyConfiguration {
  readonly version: number;
  /** The catalogue id of the code (sma-cross, oi-momentum, copy-trader, ...). */
  readonly strategy: string;
  /** Validated, with the schema's defaults filled in. */
  readonly params: ParamValues;
  readonly symbols: readonly string[];
  readonly accountId: string;
  /** The candle timeframe fed to onCandle. */
  readonly timeframe: string;
  /** copy-trader: the followed Hyperliquid address (null for other strategies). */
  readonly leader: string | null;
}

interface Base {
  readonly strategyId: string;
  readonly at: string; // ISO-8601, from the handler
}

interface RunBase extends Base {
  readonly run: number;
}

export interface StrategyRegistered extends Base {
  readonly type: 'StrategyRegistered';
  readonly name: string;
  readonly configuration: StrategyConfiguration;
}

export interface StrategyReconfigured extends Base {
  readonly type: 'StrategyReconfigured';
  readonly configuration: StrategyConfiguration;
}

export interface StrategyStarted extends RunBase {
  readonly type: 'StrategyStarted';
  readonly mode: StrategyMode;
  readonly configurationVersion: number;
  /** Client order ids of this run's orders start with this (how its fills are told apart). */
  readonly clientOrderIdPrefix: string;
}

export interface StrategySignalled extends RunBase {
  readonly type: 'StrategySignalled';
  /** The strategy clock's time of the decision (ms). */
  readonly signalAt: number;
  readonly name: string;
  readonly inputs: SignalInputs;
  readonly intent: OrderIntent;
}

export interface StrategyOrderRouted extends RunBase {
  readonly type: 'StrategyOrderRouted';
  readonly ref: string;
  readonly intent: OrderIntent['kind'];
  readonly orderId: string;
  readonly clientOrderId: string;
}

export interface StrategyOrderRefused extends RunBase {
  readonly type: 'StrategyOrderRefused';
  readonly ref: string;
  readonly intent: OrderIntent['kind'];
  /** RISK_REJECTED, BELOW_MIN_QUANTITY, a venue rejection reason ... */
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface StrategyFailed extends RunBase {
  readonly type: 'StrategyFailed';
  /** onCandle, onTimer, ... or `runner` when the runner itself could not go on. */
  readonly hook: string;
  readonly message: string;
}

export type StrategyStopReason = 'requested' | 'failed';

export interface StrategyStopped extends RunBase {
  readonly type: 'StrategyStopped';
  readonly reason: StrategyStopReason;
  readonly closePositions: boolean;
  /** The strategy's open orders asked to cancel, and closing orders placed. */
  readonly cancelledOrderIds: readonly string[];
  readonly closingOrderIds: readonly string[];
  /** session.describe() at the stop, null when the strategy has no table or was not running here. */
  readonly snapshot: StrategyRuntimeView | null;
}

export type StrategyLifecycleEvent =
  | StrategyRegistered
  | StrategyReconfigured
  | StrategyStarted
  | StrategySignalled
  | StrategyOrderRouted
  | StrategyOrderRefused
  | StrategyFailed
  | StrategyStopped;

export const STRATEGY_EVENT_TYPES: readonly StrategyLifecycleEvent['type'][] = [
  'StrategyRegistered',
  'StrategyReconfigured',
  'StrategyStarted',
  'StrategySignalled',
  'StrategyOrderRouted',
  'StrategyOrderRefused',
  'StrategyFailed',
  'StrategyStopped',
];

export const STRATEGY_STREAM_PREFIX = 'strategy-';

export function strategyStreamId(strategyId: string): string {
  return `${STRATEGY_STREAM_PREFIX}${strategyId}`;
}
