/**
 * The strategy SDK (issue 7), pure: the same strategy code runs in backtest, paper and live.
 *
 * For runners (backtest, paper, live):
 *   - createStrategy(id, params, {symbols}) validates params (JSON schema subset + the definition's
 *     own rules; InvalidStrategyParamsError / UnknownStrategyError) and builds the strategy.
 *   - new StrategySession(strategy, symbols) feeds the hooks: start / candle / ticker / timer / stop,
 *     and reports back fill / refused / orderClosed. Each call returns the StrategySignal[] emitted
 *     ({at, name, inputs, intent}): record them as events, then route each intent (place / amend /
 *     cancel, by the strategy's `ref`) through orders and risk. toOrderRequest() rounds a place
 *     intent to the instrument (lot floor, tick away from the market). A throwing hook sets
 *     session.failure and the session goes quiet: stop the strategy with an event.
 *   - session.describe(now) is the runtime table (GET /v1/strategies/{id}).
 * For the catalogue: strategyCatalog() -> [{id, description, paramsSchema}].
 * For strategy authors: StrategyDefinition / Strategy / StrategyContext, and ../indicators.
 */
export * from './strategy.types';
export type {
  IndicatorKit,
  Strategy,
  StrategyContext,
  StrategyDefinition,
  StrategySetup,
} from './strategy-definition';
export {
  checkParams,
  InvalidStrategyParamsError,
  validateParams,
  type ParamProblem,
  type ParamsSchema,
  type ParamValue,
  type ParamValues,
  type PropertySchema,
} from './param-schema';
export { StrategySession, type StrategyFailure } from './strategy-session';
export { decOf, toOrderRequest, type IntentConversion } from './intent-to-order';
export {
  BUILTIN_STRATEGIES,
  createStrategy,
  strategyCatalog,
  UnknownStrategyError,
  type CatalogEntry,
  type CreatedStrategy,
} from './strategy-catalog';
export {
  smaCrossStrategy,
  smaCrossTarget,
  type SmaCrossMode,
  type SmaCrossParams,
  type SmaCrossState,
} from './builtin/sma-cross.strategy';
export { oiMomentumStrategy } from './builtin/oi-momentum.strategy';
export type { OiMomentumParams, OiMomentumSides } from './builtin/oi-momentum.params';
export type { OiMomentumState, OiSymbol, OiSymbolState } from './builtin/oi-momentum.state';
export {
  decideDirection,
  inFundingCooldown,
  selectUniverse,
  vol24hPct,
  type Direction,
} from './builtin/oi-momentum.rules';
export {
  copyTraderStrategy,
  roundToLots,
  type CopiedSymbol,
  type CopyTraderState,
} from './builtin/copy-trader.strategy';
export type { CopyTraderParams } from './builtin/copy-trader.params';
