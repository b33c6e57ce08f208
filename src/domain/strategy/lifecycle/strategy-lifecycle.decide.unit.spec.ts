import { deciderSpec } from '../../shared/testing/decider-spec';
import {
  InvalidStrategyTransitionError,
  StrategyAlreadyExistsError,
  StrategyNotFoundError,
  runOrderPrefix,
  strategyDecider,
  type StrategyLifecycleEvent,
  type StopStrategy,
} from './index';

const AT = '2026-01-01T00:00:00.000Z';
const LATER = '2026-01-01T00:05:00.000Z';
const ID = 'stg_abc';
const config = {
  strategy: 'sma-cross',
  params: { fast: 5, slow: 20 },
  symbols: ['BTC/USDT:USDT'],
  accountId: 'acc_1',
  timeframe: '1m',
  leader: null,
};

const registered: StrategyLifecycleEvent = {
  type: 'StrategyRegistered',
  strategyId: ID,
  name: 'my sma',
  configuration: { ...config, version: 1 },
  at: AT,
};
const started = (run: number): StrategyLifecycleEvent => ({
  type: 'StrategyStarted',
  strategyId: ID,
  run,
  mode: 'paper',
  configurationVersion: 1,
  clientOrderIdPrefix: runOrderPrefix(ID, run),
  at: AT,
});
const stopCommand: StopStrategy = {
  type: 'StopStrategy',
  run: null,
  reason: 'requested',
  closePositions: false,
  cancelledOrderIds: ['ord_1'],
  closingOrderIds: [],
  snapshot: { columns: ['symbol'], rows: [{ symbol: 'BTC/USDT:USDT' }] },
  at: LATER,
};
const stopped = (run: number): StrategyLifecycleEvent => ({
  type: 'StrategyStopped',
  strategyId: ID,
  run,
  reason: 'requested',
  closePositions: false,
  cancelledOrderIds: ['ord_1'],
  closingOrderIds: [],
  snapshot: { columns: ['symbol'], rows: [{ symbol: 'BTC/USDT:USDT' }] },
  at: LATER,
});
const signal = {
  at: 1_700_000_000_000,
  name: 'sma-cross.enter',
  inputs: { fast: 101.5, slow: 100.2 },
  intent: {
    kind: 'place' as const,
    ref: 's1',
    symbol: 'BTC/USDT:USDT',
    side: 'buy' as const,
    orderType: 'market' as const,
    quantity: 0.01,
  },
};

const spec = deciderSpec(strategyDecider);

describe('strategy lifecycle decider', () => {
  it('registers a strategy with configuration version 1', () => {
    spec
      .given([])
      .when({ type: 'RegisterStrategy', strategyId: ID, name: 'my sma', configuration: config, at: AT })
      .then([registered]);
  });

  it('refuses to register the same id twice', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterStrategy', strategyId: ID, name: 'again', configuration: config, at: AT })
      .thenThrows(StrategyAlreadyExistsError);
  });

  it('answers not found for any other command on an unknown strategy', () => {
    spec.given([]).when({ type: 'StartStrategy', mode: 'paper', at: AT }).thenThrows(StrategyNotFoundError);
  });

  it('starts run 1 in the asked mode with its client order id prefix', () => {
    spec
      .given([registered])
      .when({ type: 'StartStrategy', mode: 'live', at: AT })
      .then([{ ...started(1), mode: 'live' } as StrategyLifecycleEvent]);
    expect(runOrderPrefix(ID, 1)).toBe('stg.stg_abc.1.');
  });

  it('refuses to start a running strategy', () => {
    spec
      .given([registered, started(1)])
      .when({ type: 'StartStrategy', mode: 'paper', at: AT })
      .thenThrows(InvalidStrategyTransitionError, { status: 'running', action: 'start' });
  });

  it('restarts a stopped strategy as the next run', () => {
    spec
      .given([registered, started(1), stopped(1)])
      .when({ type: 'StartStrategy', mode: 'paper', at: AT })
      .then([started(2)]);
  });

  it('reconfigures while registered or stopped, bumping the version; not while running', () => {
    const change = { ...config, params: { fast: 7, slow: 30 } };
    spec
      .given([registered])
      .when({ type: 'ReconfigureStrategy', configuration: change, at: LATER })
      .then([
        {
          type: 'StrategyReconfigured',
          strategyId: ID,
          configuration: { ...change, version: 2 },
          at: LATER,
        },
      ]);
    spec
      .given([
        registered,
        { type: 'StrategyReconfigured', strategyId: ID, configuration: { ...change, version: 2 }, at: AT },
        started(1),
        stopped(1),
      ])
      .when({ type: 'ReconfigureStrategy', configuration: config, at: LATER })
      .then([
        { type: 'StrategyReconfigured', strategyId: ID, configuration: { ...config, version: 3 }, at: LATER },
      ]);
    spec
      .given([registered, started(1)])
      .when({ type: 'ReconfigureStrategy', configuration: change, at: LATER })
      .thenThrows(InvalidStrategyTransitionError, { action: 'reconfigure' });
  });

  it('records each signal of the current run with the inputs it used', () => {
    spec
      .given([registered, started(1)])
      .when({ type: 'RecordSignals', run: 1, signals: [signal], at: LATER })
      .then([
        {
          type: 'StrategySignalled',
          strategyId: ID,
          run: 1,
          signalAt: signal.at,
          name: signal.name,
          inputs: signal.inputs,
          intent: signal.intent,
          at: LATER,
        },
      ]);
  });

  it('drops facts from a run that is no longer current (a late runner records nothing)', () => {
    spec
      .given([registered, started(1), stopped(1)])
      .when({ type: 'RecordSignals', run: 1, signals: [signal], at: LATER })
      .then([]);
    spec
      .given([registered, started(1), stopped(1), started(2)])
      .when({ type: 'FailStrategy', run: 1, hook: 'onTimer', message: 'x', at: LATER })
      .then([]);
    spec
      .given([registered, started(1), stopped(1), started(2)])
      .when({ ...stopCommand, run: 1 })
      .then([]);
  });

  it('records routed and refused orders', () => {
    spec
      .given([registered, started(1)])
      .when({
        type: 'RecordOrderRouted',
        run: 1,
        ref: 's1',
        intent: 'place',
        orderId: 'ord_1',
        clientOrderId: 'stg.stg_abc.1.x.s1',
        at: LATER,
      })
      .then([
        {
          type: 'StrategyOrderRouted',
          strategyId: ID,
          run: 1,
          ref: 's1',
          intent: 'place',
          orderId: 'ord_1',
          clientOrderId: 'stg.stg_abc.1.x.s1',
          at: LATER,
        },
      ]);
    spec
      .given([registered, started(1)])
      .when({
        type: 'RecordOrderRefused',
        run: 1,
        ref: 's2',
        intent: 'place',
        code: 'RISK_REJECTED',
        message: 'Refused by risk: maxOrderNotional',
        details: { violations: [] },
        at: LATER,
      })
      .then([
        {
          type: 'StrategyOrderRefused',
          strategyId: ID,
          run: 1,
          ref: 's2',
          intent: 'place',
          code: 'RISK_REJECTED',
          message: 'Refused by risk: maxOrderNotional',
          details: { violations: [] },
          at: LATER,
        },
      ]);
  });

  it('records a failure, then a stop with reason failed', () => {
    spec
      .given([registered, started(1)])
      .when({ type: 'FailStrategy', run: 1, hook: 'onTimer', message: 'boom', at: LATER })
      .then([
        { type: 'StrategyFailed', strategyId: ID, run: 1, hook: 'onTimer', message: 'boom', at: LATER },
      ]);
    spec
      .given([
        registered,
        started(1),
        { type: 'StrategyFailed', strategyId: ID, run: 1, hook: 'onTimer', message: 'boom', at: LATER },
      ])
      .when({ ...stopCommand, reason: 'failed', run: 1 })
      .then([{ ...stopped(1), reason: 'failed' } as StrategyLifecycleEvent]);
  });

  it('stops a running strategy with the final snapshot; stopping again is refused', () => {
    spec
      .given([registered, started(1)])
      .when(stopCommand)
      .then([stopped(1)]);
    spec
      .given([registered, started(1), stopped(1)])
      .when(stopCommand)
      .thenThrows(InvalidStrategyTransitionError, { status: 'stopped', action: 'stop' });
    spec
      .given([registered])
      .when(stopCommand)
      .thenThrows(InvalidStrategyTransitionError, { status: 'registered' });
  });

  it('folds the state a reader needs', () => {
    const state = [registered, started(1), stopped(1), started(2)].reduce(
      strategyDecider.evolve,
      strategyDecider.initialState(),
    );
    expect(state).toMatchObject({
      status: 'running',
      run: 2,
      mode: 'paper',
      clientOrderIdPrefix: 'stg.stg_abc.2.',
    });
  });
});
