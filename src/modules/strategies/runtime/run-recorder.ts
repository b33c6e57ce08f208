import type { OrderIntent, StrategySignal } from '../../../domain/strategy';
import type { StrategyJournal } from '../strategy-journal';
import type { StrategyClock } from './strategy-clock';
import type { RouteResult } from './strategy-order-router';
import type { StrategyUpdates } from './strategy-updates';

type Refusal = Extract<RouteResult, { ok: false }>;

/** One run's facts into the strategy's stream (and, for the live ones, onto its topic). */
export class RunRecorder {
  constructor(
    private readonly strategyId: string,
    private readonly run: number,
    private readonly journal: StrategyJournal,
    private readonly updates: StrategyUpdates,
    private readonly clock: StrategyClock,
  ) {}

  async signals(signals: readonly StrategySignal[], publish: boolean): Promise<void> {
    await this.journal.handle(this.strategyId, {
      type: 'RecordSignals',
      run: this.run,
      signals,
      at: this.at(),
    });
    if (!publish) return;
    for (const signal of signals)
      this.updates.publish({ kind: 'signal', strategyId: this.strategyId, run: this.run, signal });
  }

  async routed(
    ref: string,
    intent: OrderIntent['kind'],
    orderId: string,
    clientOrderId: string,
  ): Promise<void> {
    await this.journal.handle(this.strategyId, {
      type: 'RecordOrderRouted',
      run: this.run,
      ref,
      intent,
      orderId,
      clientOrderId,
      at: this.at(),
    });
  }

  async refused(ref: string, intent: OrderIntent['kind'], r: Refusal): Promise<void> {
    await this.journal.handle(this.strategyId, {
      type: 'RecordOrderRefused',
      run: this.run,
      ref,
      intent,
      code: r.code,
      message: r.message,
      details: r.details,
      at: this.at(),
    });
    this.updates.publish({
      kind: 'refused',
      strategyId: this.strategyId,
      run: this.run,
      ref,
      code: r.code,
      message: r.message,
    });
  }

  private at(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
