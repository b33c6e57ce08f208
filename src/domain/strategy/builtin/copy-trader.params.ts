import type { ParamsSchema } from '../param-schema';

export interface CopyTraderParams {
  readonly [key: string]: number | string | boolean;
  readonly sizeRatio: number;
  readonly symbolMap: string;
  readonly symbolSuffix: string;
  readonly lotSize: number;
  readonly lotSizes: string;
  readonly driftThresholdPct: number;
  readonly correctDrift: boolean;
}

export const copyTraderSchema: ParamsSchema = {
  type: 'object',
  properties: {
    sizeRatio: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 0.1,
      description: 'our quantity = the leader fill quantity * this',
    },
    symbolMap: {
      type: 'string',
      default: '',
      description: 'leader symbol to ours, "BTC=BTC/USDT:USDT,ETH=ETH/USDT:USDT"; wins over symbolSuffix',
    },
    symbolSuffix: {
      type: 'string',
      default: '/USDC:USDC',
      description:
        'an unmapped leader symbol becomes <symbol><suffix> (Hyperliquid coin BTC -> BTC/USDC:USDC); empty: unmapped symbols are not copied',
    },
    lotSize: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 0.001,
      description:
        'quantity step for every symbol not in lotSizes; the part below one lot is carried to the next fill',
    },
    lotSizes: {
      type: 'string',
      default: '',
      description: 'per-symbol quantity steps, "BTC/USDT:USDT=0.001,ETH/USDT:USDT=0.01"',
    },
    driftThresholdPct: {
      type: 'number',
      minimum: 0,
      default: 5,
      description: 'on a leader positions update: |expected - ours| / |expected| * 100 above this is drift',
    },
    correctDrift: {
      type: 'boolean',
      default: true,
      description:
        'drift above the threshold, the same on two positions updates in a row, places a market order for the difference (else it is only reported)',
    },
  },
  additionalProperties: false,
};

/** "A=B,C=D" to a map; problems for malformed entries. */
export function parsePairs(text: string): { map: Map<string, string>; problems: string[] } {
  const map = new Map<string, string>();
  const problems: string[] = [];
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const [key, value, extra] = entry.split('=').map((x) => x.trim());
    if (key === undefined || key === '' || value === undefined || value === '' || extra !== undefined) {
      problems.push(`"${entry}" is not KEY=VALUE`);
      continue;
    }
    map.set(key, value);
  }
  return { map, problems };
}

export function checkCopyTraderParams(p: CopyTraderParams): string[] {
  const problems = [...parsePairs(p.symbolMap).problems.map((x) => `symbolMap: ${x}`)];
  const lots = parsePairs(p.lotSizes);
  problems.push(...lots.problems.map((x) => `lotSizes: ${x}`));
  for (const [symbol, step] of lots.map) {
    if (!(Number(step) > 0)) problems.push(`lotSizes: ${symbol} needs a positive step, not ${step}`);
  }
  return problems;
}
