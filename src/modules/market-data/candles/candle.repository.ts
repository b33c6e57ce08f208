import { Inject, Injectable } from '@nestjs/common';
import type { CandleRange } from '../../../domain/market-data';
import { EVENT_STORE_POOL } from '../../../infrastructure/event-store/event-store.tokens';
import { inTransaction, type SqlPool } from '../../../infrastructure/event-store/sql-client';
import type { OHLCV } from '../../../infrastructure/exchanges/market-data.types';
import type { CandleSeries } from './candle-series';

interface CandleRow {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** The candles and candle_coverage tables (see the candles migration). */
@Injectable()
export class CandleRepository {
  constructor(@Inject(EVENT_STORE_POOL) private readonly pool: SqlPool) {}

  /** The final candles of a range, ascending. */
  async readFinal(s: CandleSeries, range: CandleRange): Promise<OHLCV[]> {
    const { rows } = await this.pool.query<CandleRow>(
      `SELECT open_time::float8 AS t, open AS o, high AS h, low AS l, close AS c, volume AS v
       FROM candles
       WHERE exchange = $1 AND symbol = $2 AND timeframe = $3 AND open_time BETWEEN $4 AND $5 AND final
       ORDER BY open_time`,
      [s.exchange, s.symbol, s.timeframe, range.from, range.to],
    );
    return rows.map((r) => [r.t, r.o, r.h, r.l, r.c, r.v]);
  }

  /** The covered ranges that touch `range`, ascending. */
  async coverage(s: CandleSeries, range: CandleRange): Promise<CandleRange[]> {
    const { rows } = await this.pool.query<{ from: number; to: number }>(
      `SELECT from_time::float8 AS "from", to_time::float8 AS "to" FROM candle_coverage
       WHERE exchange = $1 AND symbol = $2 AND timeframe = $3 AND to_time >= $4 AND from_time <= $5
       ORDER BY from_time`,
      [s.exchange, s.symbol, s.timeframe, range.from, range.to],
    );
    return rows;
  }

  /**
   * For each asked series, its covered ranges that touch its range, ascending: one query for them
   * all (a warmup scans every symbol and timeframe it is asked for).
   */
  async coverages(asked: readonly { series: CandleSeries; range: CandleRange }[]): Promise<CandleRange[][]> {
    const out: CandleRange[][] = asked.map(() => []);
    if (asked.length === 0) return out;
    const { rows } = await this.pool.query<{ i: number; from: number; to: number }>(
      `SELECT q.i::int AS i, c.from_time::float8 AS "from", c.to_time::float8 AS "to"
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[]) WITH ORDINALITY
         AS q(exchange, symbol, timeframe, from_time, to_time, i)
       JOIN candle_coverage c ON c.exchange = q.exchange AND c.symbol = q.symbol
         AND c.timeframe = q.timeframe AND c.to_time >= q.from_time AND c.from_time <= q.to_time
       ORDER BY q.i, c.from_time`,
      [
        asked.map((a) => a.series.exchange),
        asked.map((a) => a.series.symbol),
        asked.map((a) => a.series.timeframe),
        asked.map((a) => a.range.from),
        asked.map((a) => a.range.to),
      ],
    );
    for (const r of rows) out[r.i - 1]?.push({ from: r.from, to: r.to });
    return out;
  }

  /**
   * Upserts candles in one statement (arrays unnested) and, in the same transaction, adds the range
   * they prove to the series' coverage, merged with the ranges it overlaps or touches. A stored final
   * candle is never turned back into an open one.
   */
  async store(
    s: CandleSeries,
    candles: readonly { candle: OHLCV; final: boolean }[],
    covered: CandleRange | null,
  ): Promise<void> {
    if (candles.length === 0 && covered === null) return;
    await inTransaction(this.pool, async (tx) => {
      if (candles.length > 0) {
        const columns: number[][] = [[], [], [], [], [], []];
        for (const { candle } of candles) candle.forEach((value, i) => columns[i]?.push(value));
        await tx.query(
          `INSERT INTO candles (exchange, symbol, timeframe, open_time, open, high, low, close, volume, final)
           SELECT $1::text, $2::text, $3::text, t.* FROM unnest($4::bigint[], $5::float8[], $6::float8[], $7::float8[],
             $8::float8[], $9::float8[], $10::boolean[]) AS t
           ON CONFLICT (exchange, symbol, timeframe, open_time) DO UPDATE SET
             open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
             volume = EXCLUDED.volume, final = EXCLUDED.final
           WHERE NOT candles.final OR EXCLUDED.final`,
          [s.exchange, s.symbol, s.timeframe, ...columns, candles.map((c) => c.final)],
        );
      }
      if (covered === null) return;
      // One writer per series at a time, so two merges cannot both miss each other's range.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `candles:${s.exchange}:${s.symbol}:${s.timeframe}`,
      ]);
      await tx.query(
        `WITH gone AS (
           DELETE FROM candle_coverage
           WHERE exchange = $1 AND symbol = $2 AND timeframe = $3 AND from_time <= $5::bigint + $6::bigint
             AND to_time >= $4::bigint - $6::bigint
           RETURNING from_time, to_time)
         INSERT INTO candle_coverage (exchange, symbol, timeframe, from_time, to_time)
         SELECT $1::text, $2::text, $3::text, LEAST($4::bigint, min(from_time)), GREATEST($5::bigint, max(to_time)) FROM gone`,
        [s.exchange, s.symbol, s.timeframe, covered.from, covered.to, s.stepMs],
      );
    });
  }
}
