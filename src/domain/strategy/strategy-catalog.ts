import { DomainError } from '../shared/domain-error';
import { copyTraderStrategy } from './builtin/copy-trader.strategy';
import { oiMomentumStrategy } from './builtin/oi-momentum.strategy';
import { smaCrossStrategy } from './builtin/sma-cross.strategy';
import {
  InvalidStrategyParamsError,
  validateParams,
  type ParamValues,
  type ParamsSchema,
} from './param-schema';
import type { Strategy, StrategyDefinition, StrategySetup } from './strategy-definition';

export class UnknownStrategyError extends DomainError {
  readonly code = 'UNKNOWN_STRATEGY';
  readonly kind = 'not_found' as const;
}

export interface CatalogEntry {
  readonly id: string;
  readonly description: string;
  readonly paramsSchema: ParamsSchema;
}

export const BUILTIN_STRATEGIES: readonly StrategyDefinition[] = [
  smaCrossStrategy,
  oiMomentumStrategy,
  copyTraderStrategy,
];

/** What GET /v1/strategies/catalog lists. */
export function strategyCatalog(
  definitions: readonly StrategyDefinition[] = BUILTIN_STRATEGIES,
): CatalogEntry[] {
  return definitions.map((d) => ({ id: d.id, description: d.description, paramsSchema: d.paramsSchema }));
}

export interface CreatedStrategy {
  readonly definition: StrategyDefinition;
  readonly params: ParamValues; // validated, defaults filled in: what the configuration records
  readonly strategy: Strategy<unknown>;
}

/** Validates the params (schema, then the definition's own rules) and builds the strategy. */
export function createStrategy(
  id: string,
  rawParams: unknown,
  setup: StrategySetup,
  definitions: readonly StrategyDefinition[] = BUILTIN_STRATEGIES,
): CreatedStrategy {
  const definition = definitions.find((d) => d.id === id);
  if (definition === undefined) {
    throw new UnknownStrategyError(`no strategy ${id}`, { id, known: definitions.map((d) => d.id) });
  }
  const params = validateParams(definition.paramsSchema, rawParams);
  const problems = definition.check?.(params) ?? [];
  if (problems.length > 0) {
    throw new InvalidStrategyParamsError(`invalid parameters: ${problems.join('; ')}`, {
      problems: problems.map((message) => ({ path: '', message })),
    });
  }
  return { definition, params, strategy: definition.create(params, setup) };
}
