import type { CatalogueEntry, CatalogueField } from './event-catalogue';

const STREAM = 'strategy-<strategyId>';
const id: CatalogueField = { name: 'strategyId', type: 'string', description: 'The strategy (`stg_…`).' };
const at: CatalogueField = { name: 'at', type: 'ISO-8601 string', description: 'When it happened.' };
const run: CatalogueField = {
  name: 'run',
  type: 'integer',
  description: 'The run (1 for the first start); one run is exported by `GET /v1/strategies/{id}/events`.',
};
const configuration: CatalogueField = {
  name: 'configuration',
  type: 'object',
  description:
    'version, strategy (catalogue id), params (validated, defaults filled in), symbols, accountId, timeframe, leader (copy-trader).',
};

/** The strategy aggregate's events (src/domain/strategy/lifecycle). */
export const STRATEGY_EVENT_CATALOGUE: CatalogueEntry[] = [
  {
    type: 'StrategyRegistered',
    context: 'strategy',
    stream: STREAM,
    schemaVersion: 1,
    description: 'A strategy was registered with configuration version 1.',
    fields: [id, { name: 'name', type: 'string', description: 'A name for people.' }, configuration, at],
  },
  {
    type: 'StrategyReconfigured',
    context: 'strategy',
    stream: STREAM,
    schemaVersion: 1,
    description:
      'The configuration changed while not running; the version is bumped, the next start uses it.',
    fields: [id, configuration, at],
  },
  {
    type: 'StrategyStarted',
    context: 'strategy',
    stream: STREAM,
    schemaVersion: 1,
    description: 'A run started in paper or live mode.',
    fields: [
      id,
      run,
      {
        name: 'mode',
        type: 'paper | live',
        description: 'paper: a sim or paper<venue> account; live: the account’s venue.',
      },
      { name: 'configurationVersion', type: 'integer', description: 'The configuration the run uses.' },
      {
        name: 'clientOrderIdPrefix',
        type: 'string',
        description:
          'Every order of the run has a clientOrderId starting with it (`stg.<strategyId>.<run>.`).',
      },
      at,
    ],
  },
  {
    type: 'StrategySignalled',
    context: 'strategy',
    stream: STREAM,
    schemaVersion: 1,
    description:
      'The strategy asked for an order (place, amend, cancel), with every input the decision read.',
    fields: [
      id,
      run,
      { name: 'signalAt', type: 'integer (ms)', description: 'The strategy clock at the decision.' },
      { name: 'name', type: 'string', description: 'The rule that fired, e.g. `copy-trader.mirror`.' },
      { name: 'inputs', type: 'object', description: 'Name to number, string, boolean or null: why.' },
      {
        name: 'intent',
        type: 'object',
        description:
          'kind place (ref, symbol, side, orderType, quantity, price, triggerPrice), amend or cancel (ref).',
      },
      at,
    ],
  },
  {
    type: 'StrategyOrderRouted',
    context: 'strategy',
    stream: STREAM,
    schemaVersion: 1,
    description: 'An intent went through the orders context (and its risk check).',
    fields: [
      id,
      run,
      { name: 'ref', type: 'string', description: 'The strategy’s own id of the order.' },
      { name: 'intent', type: 'place | amend | cancel', description: 'What was asked.' },
      { name: 'orderId', type: 'string', description: 'The order in the orders context.' },
      { name: 'clientOrderId', type: 'string', description: 'Run prefix, process epoch and ref.' },
      at,
    ],
  },
  {
    type: 'StrategyOrderRefused',
    context: 'strategy',
    stream: STREAM,
    schemaVersion: 1,
    description:
      'An intent could not be carried out (risk, the instrument, the venue); the strategy was told.',
    fields: [
      id,
      run,
      { name: 'ref', type: 'string', description: 'The strategy’s own id of the order.' },
      { name: 'intent', type: 'place | amend | cancel', description: 'What was asked.' },
      {
        name: 'code',
        type: 'string',
        description: 'RISK_REJECTED, BELOW_MIN_QUANTITY, UNKNOWN_REF, a venue reason…',
      },
      { name: 'message', type: 'string', description: 'Human-readable reason.' },
      { name: 'details', type: 'object', description: 'E.g. the risk violations (rule, limit, value).' },
      at,
    ],
  },
  {
    type: 'StrategyFailed',
    context: 'strategy',
    stream: STREAM,
    schemaVersion: 1,
    description: 'A hook threw (or the run could not be set up); StrategyStopped with reason failed follows.',
    fields: [
      id,
      run,
      { name: 'hook', type: 'string', description: 'onCandle, onTimer, … `setup` or `runner`.' },
      { name: 'message', type: 'string', description: 'The error message.' },
      at,
    ],
  },
  {
    type: 'StrategyStopped',
    context: 'strategy',
    stream: STREAM,
    schemaVersion: 1,
    description: 'The run ended: its open orders were cancelled, its positions closed on request.',
    fields: [
      id,
      run,
      { name: 'reason', type: 'requested | failed', description: 'Why it stopped.' },
      { name: 'closePositions', type: 'boolean', description: 'Whether the run’s positions were closed.' },
      { name: 'cancelledOrderIds', type: 'string[]', description: 'Open orders asked to cancel.' },
      {
        name: 'closingOrderIds',
        type: 'string[]',
        description: 'Reduce-only market orders placed to close.',
      },
      {
        name: 'snapshot',
        type: 'object | null',
        description: 'The final runtime table (columns, rows, notes).',
      },
      at,
    ],
  },
];
