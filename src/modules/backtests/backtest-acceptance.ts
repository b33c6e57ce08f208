import { Injectable } from '@nestjs/common';
import { expandGrid, type ParamGrid } from '../../domain/backtest';
import { createStrategy, type ParamValue } from '../../domain/strategy';
import { TIMEFRAME_MS } from '../../infrastructure/exchanges/market-data.types';
import type { BacktestRequest, SweepRequest } from './backtest-request';
import { InvalidBacktestRequestError } from './backtests.errors';
import type { RunBacktestRequestDto } from './commands/run-backtest/run-backtest.request.dto';
import type { RunSweepRequestDto } from './commands/run-sweep/run-sweep.request.dto';
import { CandleLoader } from './runner/candle-loader';

const MAX_BARS = 2_000_000; // ~4 years of minutes: the largest run one request may ask for
const MAX_GRID = 200;
const DEFAULT_BALANCE = '10000';

/**
 * Checks a request before it is accepted (202): strategy and parameters against the catalogue,
 * the range, the exchange and symbol. What fails here is a 4xx now, not a failed run later.
 */
@Injectable()
export class BacktestAcceptance {
  constructor(private readonly loader: CandleLoader) {}

  async backtest(dto: RunBacktestRequestDto): Promise<BacktestRequest> {
    const { params } = createStrategy(dto.strategy, dto.params ?? {}, { symbols: dto.symbols });
    const tf = TIMEFRAME_MS[dto.timeframe];
    if (dto.to <= dto.from) {
      throw new InvalidBacktestRequestError('to must be after from', { from: dto.from, to: dto.to });
    }
    const bars = Math.ceil((dto.to - dto.from) / tf);
    if (bars > MAX_BARS) {
      throw new InvalidBacktestRequestError(
        `the range holds ${bars} bars; at most ${MAX_BARS} per backtest`,
        {
          bars,
          maxBars: MAX_BARS,
        },
      );
    }
    await this.loader.market(dto.exchange, dto.symbols[0] ?? '', dto.timeframe);
    return {
      strategy: dto.strategy,
      params,
      exchange: dto.exchange,
      symbols: dto.symbols,
      timeframe: dto.timeframe,
      from: dto.from,
      to: dto.to,
      initialBalance: dto.initialBalance ?? DEFAULT_BALANCE,
      fees: dto.fees === undefined ? undefined : { maker: dto.fees.maker, taker: dto.fees.taker },
      slippageBps: dto.slippage,
      latencyMs: dto.latencyMs,
      funding: dto.funding === undefined ? undefined : { ...dto.funding },
    };
  }

  async sweep(dto: RunSweepRequestDto): Promise<SweepRequest> {
    const grid = checkGrid(dto.grid);
    const base = await this.backtest(dto);
    const cells = expandGrid(grid);
    if (cells.length > MAX_GRID) {
      throw new InvalidBacktestRequestError(
        `the grid has ${cells.length} combinations; at most ${MAX_GRID}`,
        {
          combinations: cells.length,
        },
      );
    }
    // every combination must be a valid configuration before anything runs
    for (const cell of cells)
      createStrategy(dto.strategy, { ...(dto.params ?? {}), ...cell }, { symbols: dto.symbols });
    return {
      ...base,
      params: dto.params ?? {},
      grid,
      rankBy: dto.rankBy,
      walkForward: dto.walkForward === undefined ? undefined : { ...dto.walkForward },
    };
  }
}

function checkGrid(raw: Record<string, unknown>): ParamGrid {
  const grid: Record<string, ParamValue[]> = {};
  for (const [key, values] of Object.entries(raw)) {
    const ok =
      Array.isArray(values) &&
      values.length > 0 &&
      values.every((v) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean');
    if (!ok) {
      throw new InvalidBacktestRequestError(
        `grid.${key} must be a non-empty array of numbers, strings or booleans`,
        {
          key,
        },
      );
    }
    grid[key] = values;
  }
  if (Object.keys(grid).length === 0)
    throw new InvalidBacktestRequestError('grid needs at least one parameter');
  return grid;
}
