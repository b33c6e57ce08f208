import type { ParamsSchema } from '../param-schema';

export type OiMomentumSides = 'both' | 'long' | 'short';

export interface OiMomentumParams {
  readonly [key: string]: number | string;
  readonly warmupMs: number;
  readonly minVol24hPct: number;
  readonly minTurnover24h: number;
  readonly maxSymbols: number;
  readonly priceMovePct: number;
  readonly oiMovePct: number;
  readonly sides: OiMomentumSides;
  readonly fundingCooldownMs: number;
  readonly entryOffsetPct: number;
  readonly entryTimeoutMs: number;
  readonly takeProfitPct: number;
  readonly stopLossPct: number;
  readonly rearmDelayMs: number;
  readonly orderNotional: number;
}

export const oiMomentumSchema: ParamsSchema = {
  type: 'object',
  properties: {
    warmupMs: {
      type: 'integer',
      minimum: 0,
      default: 10_000,
      description: 'tickers collected for this long after start, then the universe is chosen and frozen',
    },
    minVol24hPct: {
      type: 'number',
      minimum: 0,
      default: 5,
      description: 'universe filter: (high24h - low24h) / low24h * 100 >= this',
    },
    minTurnover24h: {
      type: 'number',
      minimum: 0,
      default: 10_000_000,
      description: 'universe filter: 24 h quote turnover >= this',
    },
    maxSymbols: {
      type: 'integer',
      minimum: 1,
      default: 10,
      description: 'at most this many symbols, the highest turnover first',
    },
    priceMovePct: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 0.5,
      description: 'x: |mark - reference close| / reference close * 100 needed for an entry',
    },
    oiMovePct: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 1,
      description:
        'y: open-interest value growth since the reference, in %, needed for an entry (either side)',
    },
    sides: {
      type: 'string',
      enum: ['both', 'long', 'short'],
      default: 'both',
      description: 'which entries are allowed',
    },
    fundingCooldownMs: {
      type: 'integer',
      minimum: 0,
      default: 300_000,
      description: 'no evaluation from this long before a funding time until this long after it',
    },
    entryOffsetPct: {
      type: 'number',
      minimum: 0,
      default: 0.05,
      description: 'limit entry this far from the mark, in % (a buy below, a sell above)',
    },
    entryTimeoutMs: {
      type: 'integer',
      minimum: 1000,
      default: 30_000,
      description: 'an entry not filled by then is cancelled',
    },
    takeProfitPct: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 1,
      description: 'take-profit trigger, % from the entry price',
    },
    stopLossPct: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 0.5,
      description: 'stop-loss trigger, % from the entry price',
    },
    rearmDelayMs: {
      type: 'integer',
      minimum: 0,
      default: 1000,
      description:
        'after a cycle ends (exit, refusal, unfilled entry) the symbol waits this long before it is ARMED again',
    },
    orderNotional: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 100,
      description: 'entry size in quote currency (quantity = notional / entry price, floored to the lot)',
    },
  },
  additionalProperties: false,
};
