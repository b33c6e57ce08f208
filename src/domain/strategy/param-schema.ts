import { assertNever } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/**
 * The JSON Schema subset strategy parameters use: an object of number / integer / string (with an
 * optional enum) / boolean properties, with minimum, maximum, exclusiveMinimum, required and
 * default. Small on purpose: the catalogue publishes these schemas as they are.
 */
export type PropertySchema =
  | {
      readonly type: 'number' | 'integer';
      readonly description?: string;
      readonly minimum?: number;
      readonly maximum?: number;
      readonly exclusiveMinimum?: number;
      readonly default?: number;
    }
  | {
      readonly type: 'string';
      readonly description?: string;
      readonly enum?: readonly string[];
      readonly default?: string;
    }
  | { readonly type: 'boolean'; readonly description?: string; readonly default?: boolean };

export interface ParamsSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties: false;
}

export type ParamValue = number | string | boolean;
export type ParamValues = Readonly<Record<string, ParamValue>>;

export interface ParamProblem {
  readonly path: string;
  readonly message: string;
}

export class InvalidStrategyParamsError extends DomainError {
  readonly code = 'INVALID_STRATEGY_PARAMS';
  readonly kind = 'validation' as const;
}

function checkProperty(schema: PropertySchema, value: unknown): string | undefined {
  switch (schema.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
      if (schema.type === 'integer' && !Number.isInteger(value)) return 'must be an integer';
      if (schema.minimum !== undefined && value < schema.minimum) return `must be >= ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `must be <= ${schema.maximum}`;
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
        return `must be > ${schema.exclusiveMinimum}`;
      return undefined;
    }
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (schema.enum !== undefined && !schema.enum.includes(value))
        return `must be one of ${schema.enum.join(', ')}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    default:
      return assertNever(schema);
  }
}

/** Problems with `input` against `schema` (empty when valid) and the values with defaults filled in. */
export function checkParams(
  schema: ParamsSchema,
  input: unknown,
): { problems: ParamProblem[]; values: Record<string, ParamValue> } {
  const problems: ParamProblem[] = [];
  const values: Record<string, ParamValue> = {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { problems: [{ path: '', message: 'must be an object' }], values };
  }
  const given = input as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(key in schema.properties)) problems.push({ path: key, message: 'is not a known parameter' });
  }
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties)) {
    const value = given[name] ?? property.default;
    if (value === undefined) {
      if (required.has(name)) problems.push({ path: name, message: 'is required' });
      continue;
    }
    const problem = checkProperty(property, value);
    if (problem !== undefined) problems.push({ path: name, message: problem });
    else values[name] = value as ParamValue;
  }
  return { problems, values };
}

/** The validated values with defaults, or an InvalidStrategyParamsError listing every problem. */
export function validateParams(schema: ParamsSchema, input: unknown): ParamValues {
  const { problems, values } = checkParams(schema, input);
  if (problems.length > 0) {
    const text = problems.map((p) => `${p.path === '' ? 'params' : p.path} ${p.message}`).join('; ');
    throw new InvalidStrategyParamsError(`invalid parameters: ${text}`, { problems });
  }
  return values;
}
