import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { unsettledOpen } from '../../../domain/market-data';
import { DomainError } from '../../../domain/shared/domain-error';
import type { ExchangeAdapter } from '../../../infrastructure/exchanges/exchange-adapter.port';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { CandleStore } from '../candles/candle-store';
import { MARKET_CLOCK, type MarketClock } from '../market-clock';
import { progressOf, type Warmup, type WarmupScheduleItem } from './warmup';
import { WarmupProgressFeed } from './warmup-progress.feed';

/**
 * Runs warmups in the background, one venue request at a time per warmup (venues rate-limit per
 * client), publishing progress after each. A failing item is recorded and the next one goes on.
 */
@Injectable()
export class WarmupRunner implements OnApplicationShutdown {
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly store: CandleStore,
    private readonly feed: WarmupProgressFeed,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(MARKET_CLOCK) private readonly clock: MarketClock,
  ) {}

  start(warmup: Warmup, adapter: ExchangeAdapter): void {
    const run = this.run(warmup, adapter)
      .catch((err: unknown) => {
        this.logger.error({ err, warmupId: warmup.id }, 'warmup failed unexpectedly');
        warmup.status = 'failed';
        this.publish(warmup);
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  publish(warmup: Warmup): void {
    this.feed.publish({
      id: warmup.id,
      exchange: warmup.exchange,
      status: warmup.status,
      progress: progressOf(warmup, this.clock.now()),
    });
  }

  /** Stops between requests (what is stored stays), and waits for the requests under way. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }

  private async run(warmup: Warmup, adapter: ExchangeAdapter): Promise<void> {
    warmup.status = 'running';
    warmup.startedAt = this.clock.now();
    this.publish(warmup);
    for (const item of warmup.schedule) await this.runItem(warmup, item, adapter);
    warmup.finishedAt = this.clock.now();
    warmup.status = warmup.schedule.some((i) => i.status === 'failed') ? 'failed' : 'done';
    this.publish(warmup);
  }

  private async runItem(warmup: Warmup, item: WarmupScheduleItem, adapter: ExchangeAdapter): Promise<void> {
    item.status = 'running';
    const series = {
      exchange: warmup.exchange,
      symbol: item.symbol,
      timeframe: item.timeframe,
      stepMs: item.stepMs,
    };
    try {
      for (const page of item.pages.slice(item.callsDone)) {
        if (this.stopping) throw new Error('the service is shutting down');
        await this.store.fetchPage(adapter, series, page, unsettledOpen(this.clock.now(), item.stepMs));
        item.callsDone += 1;
        this.publish(warmup);
      }
      item.status = 'done';
    } catch (err) {
      item.status = 'failed';
      item.error =
        err instanceof DomainError
          ? { code: err.code, message: err.message }
          : { code: 'WARMUP_INTERRUPTED', message: err instanceof Error ? err.message : String(err) };
      this.logger.warn(
        { err, warmupId: warmup.id, symbol: item.symbol, timeframe: item.timeframe },
        'warmup item failed',
      );
      this.publish(warmup);
    }
  }
}
