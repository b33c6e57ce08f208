/**
 * The simulated venue's instruments: USDT-margined linear perpetuals with venue-like steps. Steps are
 * decimal strings (the domain turns them into Dec); the generator works in integer ticks and lots.
 */
export interface SimMarket {
  readonly symbol: string;
  readonly base: string;
  readonly quote: 'USDT';
  readonly settle: 'USDT';
  readonly contractType: 'linear';
  readonly tickSize: string;
  readonly lotSize: string;
  readonly minQuantity: string;
  readonly maxLeverage: number;
  /** Long-run centre of the price. */
  readonly referencePrice: number;
  /** Typical hourly log-return standard deviation. */
  readonly hourlyVolatility: number;
  /** Typical traded quantity per minute, in base units. */
  readonly volumePerMinute: number;
  /** Typical open interest, in base units. */
  readonly openInterest: number;
}

function market(
  base: string,
  tickSize: string,
  lotSize: string,
  maxLeverage: number,
  referencePrice: number,
  hourlyVolatility: number,
  volumePerMinute: number,
  openInterest: number,
): SimMarket {
  return {
    symbol: `${base}/USDT:USDT`,
    base,
    quote: 'USDT',
    settle: 'USDT',
    contractType: 'linear',
    tickSize,
    lotSize,
    minQuantity: lotSize,
    maxLeverage,
    referencePrice,
    hourlyVolatility,
    volumePerMinute,
    openInterest,
  };
}

export const SIM_MARKETS: readonly SimMarket[] = [
  market('BTC', '0.1', '0.001', 125, 62000, 0.006, 40, 80000),
  market('ETH', '0.01', '0.001', 100, 3200, 0.008, 600, 1500000),
  market('SOL', '0.01', '0.01', 75, 150, 0.011, 8000, 9000000),
  market('XRP', '0.0001', '0.1', 75, 0.55, 0.01, 2000000, 600000000),
  market('DOGE', '0.00001', '1', 75, 0.15, 0.012, 5000000, 3000000000),
  market('BNB', '0.01', '0.01', 75, 580, 0.007, 300, 700000),
];

/** Digits after the decimal point of a decimal string. */
export function decimalsOf(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.length - dot - 1;
}
