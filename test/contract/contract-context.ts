import type { ContractHarness } from './contract-harness';

/** Which optional parts of the contract run; known when tests are declared, before setup runs. */
export interface ContractFeatures {
  /** Stream cases (default true; a REST-only adapter says false and capabilities.streams = false). */
  streams?: boolean;
  /**
   * Public trades over REST (default true). A venue without such an endpoint (Hyperliquid) says
   * false and declares `capabilities.tradesRestWindowMs = 0`; its fetchTrades then answers [].
   */
  tradesRest?: boolean;
  /**
   * The candle stream case (default true, with streams). A venue whose streams carry no candles
   * (ccxt.pro has no watchOHLCV for coinbase) says false: its watchOHLCV must then refuse at once
   * with VenueBadRequestError instead of hanging or retrying.
   */
  candleStream?: boolean;
  /** Fault cases: the harness must give `faults`. */
  faults?: boolean;
  /** Trading cases: the harness must give `trading`. */
  trading?: boolean;
  /** The partial-fill step: the harness must give `trading.makeOrderPartlyFill`. */
  partialFill?: boolean;
}

/** The harness of the running suite: created in beforeAll, read by every case. */
export class ContractContext {
  private current: ContractHarness | undefined;

  set(harness: ContractHarness | undefined): void {
    this.current = harness;
  }

  get harness(): ContractHarness {
    if (this.current === undefined) throw new Error('the contract harness failed to set up');
    return this.current;
  }

  get isSet(): boolean {
    return this.current !== undefined;
  }

  /** A range with history: the harness's, or the last day before now. */
  get range(): { since: number; until: number } {
    const known = this.harness.knownRange;
    if (known !== undefined) return known;
    const now = Date.now();
    return { since: now - 86_400_000, until: now };
  }

  async stimulate(): Promise<void> {
    await this.harness.stimulate?.();
  }
}
