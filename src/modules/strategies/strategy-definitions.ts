import { Injectable } from '@nestjs/common';
import {
  BUILTIN_STRATEGIES,
  createStrategy,
  strategyCatalog,
  type CatalogEntry,
  type CreatedStrategy,
  type StrategyDefinition,
  type StrategySetup,
} from '../../domain/strategy';

/**
 * The strategy code this process can run: the built-ins, plus what other modules add at init
 * (a deployment's own strategies; tests add deliberately failing ones).
 */
@Injectable()
export class StrategyDefinitions {
  private readonly definitions: StrategyDefinition[] = [...BUILTIN_STRATEGIES];

  add(definition: StrategyDefinition): void {
    if (this.definitions.some((d) => d.id === definition.id))
      throw new Error(`a strategy ${definition.id} is defined already`);
    this.definitions.push(definition);
  }

  catalog(): CatalogEntry[] {
    return strategyCatalog(this.definitions);
  }

  /** Validates the params (UNKNOWN_STRATEGY 404, INVALID_STRATEGY_PARAMS 400) and builds the code. */
  create(id: string, params: unknown, setup: StrategySetup): CreatedStrategy {
    return createStrategy(id, params, setup, this.definitions);
  }
}
