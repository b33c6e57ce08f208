import { Dec } from '../src/domain/shared/decimal';
import { MatchingEngine } from '../src/domain/matching';
import type { BookSnapshot, OrderRequest } from '../src/domain/matching';
import { SimExchangeAdapter } from '../src/infrastructure/exchanges/sim/sim-exchange.adapter';
import { SimMarketGenerator } from '../src/infrastructure/exchanges/sim/sim-market.generator';
import { SplitMix32 } from '../src/infrastructure/exchanges/sim/sim-random';
import type { Report } from './bench.types';

const BTC = 'BTC/USDT:USDT';
const TICK = new Dec('0.1');

// Goals (issue "Exchanges", item 9): >= 200,000 matching ops/s and >= 1,000,000 candles/s on one core.
function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** A 20-level book around mid (in ticks) with 1-3 BTC per level. */
function bookAt(mid: number, rng: SplitMix32): BookSnapshot {
  const level = (ticks: number) => ({ price: TICK.mul(ticks), quantity: new Dec(1 + rng.int(3)) });
  return {
    symbol: BTC,
    bids: Array.from({ length: 20 }, (_, i) => level(mid - 1 - i)),
    asks: Array.from({ length: 20 }, (_, i) => level(mid + 1 + i)),
  };
}

/**
 * The op mix: 35% limit orders resting inside the 20 levels, 35% cancels of a resting order, 30%
 * market orders taking one or more levels. A new book snapshot every 50 ops (its cost is included).
 * Inputs are built before the clock starts, as a caller would hold them already.
 */
function matchingOpsPerSecond(totalOps: number): number {
  const rng = new SplitMix32().reset(7);
  const mid = 620_000; // 62,000.0
  const books = Array.from({ length: 64 }, (_, i) => bookAt(mid + (i % 8) - 4, rng));
  const quantities = ['0.001', '0.01', '0.05', '0.1', '0.5', '1.5'].map((q) => new Dec(q));
  const prices = Array.from({ length: 40 }, (_, i) => TICK.mul(mid - 30 + i + (i >= 20 ? 40 : 0)));
  const plan: ({ kind: 'order'; order: OrderRequest } | { kind: 'cancel'; pick: number })[] = [];
  for (let i = 0; i < totalOps; i++) {
    const r = rng.next();
    const side = rng.next() < 0.5 ? 'buy' : 'sell';
    const quantity = quantities[rng.int(quantities.length)] ?? TICK;
    if (r < 0.35) {
      // bids below the book's asks, asks above its bids: they rest (some fill when the book moves)
      const price = prices[(side === 'buy' ? 0 : 20) + rng.int(20)] ?? TICK;
      plan.push({ kind: 'order', order: { type: 'limit', symbol: BTC, side, quantity, price } });
    } else if (r < 0.7) {
      plan.push({ kind: 'cancel', pick: rng.int(1 << 30) });
    } else {
      plan.push({ kind: 'order', order: { type: 'market', symbol: BTC, side, quantity } });
    }
  }
  const engine = new MatchingEngine({
    instruments: [
      {
        symbol: BTC,
        contractType: 'linear',
        tickSize: TICK,
        lotSize: new Dec('0.001'),
        minQuantity: new Dec('0.001'),
        maxLeverage: 125,
      },
    ],
    makerFeeRate: '0.0002',
    takerFeeRate: '0.0005',
    initialBalance: '1000000000',
    defaultLeverage: 20,
  });
  const resting: string[] = [];
  let fills = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < plan.length; i++) {
    if (i % 50 === 0) engine.onBook(books[(i / 50) % books.length] ?? bookAt(mid, rng), i);
    const step = plan[i];
    if (step === undefined) continue;
    if (step.kind === 'cancel') {
      if (resting.length === 0) continue;
      const at = step.pick % resting.length;
      const id = resting[at] ?? '';
      resting[at] = resting[resting.length - 1] ?? '';
      resting.pop();
      engine.cancel(id, i);
      continue;
    }
    const events = engine.submit(step.order, i);
    for (const e of events) {
      if (e.type === 'filled') fills++;
      else if (e.type === 'accepted' && step.order.type === 'limit') resting.push(e.orderId);
    }
  }
  const elapsed = seconds(start);
  if (fills === 0) throw new Error('the bench mix produced no fills');
  return plan.length / elapsed;
}

function historyCandlesPerSecond(): number {
  const sim = new SimMarketGenerator('bench');
  const from = Date.UTC(2023, 0, 1);
  const to = from + 30 * 86_400_000; // 43,200 one-minute candles per symbol
  let count = 0;
  const start = process.hrtime.bigint();
  for (const market of sim.markets()) count += sim.candles(market.symbol, '1m', from, to).length;
  return count / seconds(start);
}

/**
 * One REST fetchOHLCV on a fresh adapter (no cache warm), as a viewer's chart asks it: the wall time
 * in ms, and the longest stretch the event loop was held meanwhile (timer lag sampled every 1 ms).
 */
async function ohlcvRequest(
  timeframe: '1m' | '1h' | '1d',
  limit: number,
): Promise<{ ms: number; blockMs: number }> {
  const now = Date.UTC(2026, 10, 21, 8, 30, 12, 345);
  const adapter = new SimExchangeAdapter({ seed: `bench-${timeframe}`, now: () => now });
  let blockMs = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const t = performance.now();
    blockMs = Math.max(blockMs, t - last);
    last = t;
  }, 1);
  const start = performance.now();
  const rows = await adapter.fetchOHLCV(BTC, timeframe, { limit });
  const ms = performance.now() - start;
  blockMs = Math.max(blockMs, performance.now() - last);
  clearInterval(probe);
  if (rows.length !== limit) throw new Error(`asked ${limit} ${timeframe} candles, got ${rows.length}`);
  return { ms, blockMs };
}

export async function run(report: Report): Promise<void> {
  matchingOpsPerSecond(50_000); // warm-up: let the JIT settle
  report('matching_ops_per_s', matchingOpsPerSecond(400_000), 'ops/s');
  historyCandlesPerSecond();
  report('history_candles_per_s', historyCandlesPerSecond(), 'candles/s');
  // Goals (the "large 1d request blocks the server" fix): 1,000 1d < 200 ms, 1,000 1m < 50 ms,
  // the event loop held <= ~50 ms at a time.
  await ohlcvRequest('1m', 100); // warm-up of the code paths, on another seed
  for (const [timeframe, limit] of [
    ['1m', 1000],
    ['1h', 1000],
    ['1d', 1000],
    ['1d', 1500],
  ] as const) {
    const { ms, blockMs } = await ohlcvRequest(timeframe, limit);
    report(`sim_ohlcv_${timeframe}_${limit}_ms`, ms, 'ms');
    report(`sim_ohlcv_${timeframe}_${limit}_loop_block_ms`, blockMs, 'ms');
  }
}
