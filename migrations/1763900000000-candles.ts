import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4, market data: the candle store. Market data is not event-sourced (ARCHITECTURE.md §3):
 * candles keep ccxt's numeric shape (double precision), keyed by series and open time.
 */
export class Candles1763900000000 implements MigrationInterface {
  name = 'Candles1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // final = the candle's period had ended when it was stored; only final candles are served
    // from the store. open_time is ms since the epoch, as ccxt gives it.
    await q.query(`
      CREATE TABLE candles (
        exchange   text NOT NULL,
        symbol     text NOT NULL,
        timeframe  text NOT NULL,
        open_time  bigint NOT NULL,
        open       double precision NOT NULL,
        high       double precision NOT NULL,
        low        double precision NOT NULL,
        close      double precision NOT NULL,
        volume     double precision NOT NULL,
        final      boolean NOT NULL,
        PRIMARY KEY (exchange, symbol, timeframe, open_time)
      )`);
    // Which closed ranges of a series the venue has been asked for (merged, inclusive open times):
    // a venue without a candle for some period has none, and is not asked again.
    await q.query(`
      CREATE TABLE candle_coverage (
        exchange   text NOT NULL,
        symbol     text NOT NULL,
        timeframe  text NOT NULL,
        from_time  bigint NOT NULL,
        to_time    bigint NOT NULL,
        PRIMARY KEY (exchange, symbol, timeframe, from_time),
        CHECK (to_time >= from_time)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE candle_coverage');
    await q.query('DROP TABLE candles');
  }
}
