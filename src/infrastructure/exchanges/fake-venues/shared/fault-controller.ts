/**
 * Faults a test can arm on a fake venue. Each venue server reads these flags when it answers, so the
 * fault shows up in that venue's own wire format (its rate-limit body, its sequence numbers).
 */
export type MalformableFeed = 'klines' | 'trades';

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/fapi/v1/klines`; Hyperliquid info calls read `/info#<type>`. */
  readonly endpoint: string;
  readonly query: Readonly<Record<string, string>>;
  readonly at: number;
}

export class FaultController {
  private rateLimitedLeft = 0;
  private gapArmed = false;
  private readonly malformed = new Set<MalformableFeed>();
  private delay = 0;
  private readonly log: RecordedRequest[] = [];
  private readonly dropListeners: Array<() => void> = [];

  /** The next `count` REST calls answer with the venue's rate-limit error. */
  rateLimitNext(count: number): void {
    this.rateLimitedLeft = count;
  }

  /** The next order book diff skips a sequence number (Binance `pu` mismatch, Bybit skipped `u`). */
  gapNextBookDiff(): void {
    this.gapArmed = true;
  }

  /** The next kline or trade REST response carries one malformed row. */
  malformNext(feed: MalformableFeed): void {
    this.malformed.add(feed);
  }

  /** Every REST answer waits this long first (0 turns it off). */
  slowDown(delayMs: number): void {
    this.delay = delayMs;
  }

  /** Closes every websocket connection of the venue at once, as a venue restart would. */
  dropAllConnections(): void {
    for (const listener of this.dropListeners) listener();
  }

  /** Forgets armed faults and the request log. */
  reset(): void {
    this.rateLimitedLeft = 0;
    this.gapArmed = false;
    this.malformed.clear();
    this.delay = 0;
    this.log.length = 0;
  }

  get requests(): readonly RecordedRequest[] {
    return this.log;
  }

  /** How many calls reached `endpoint` (rate-limited ones included). */
  count(endpoint: string): number {
    return this.log.filter((request) => request.endpoint === endpoint).length;
  }

  // The methods below are for the venue servers.

  record(request: RecordedRequest): void {
    this.log.push(request);
  }

  takeRateLimit(): boolean {
    if (this.rateLimitedLeft <= 0) return false;
    this.rateLimitedLeft -= 1;
    return true;
  }

  takeGap(): boolean {
    const armed = this.gapArmed;
    this.gapArmed = false;
    return armed;
  }

  takeMalformed(feed: MalformableFeed): boolean {
    return this.malformed.delete(feed);
  }

  get delayMs(): number {
    return this.delay;
  }

  onDrop(listener: () => void): void {
    this.dropListeners.push(listener);
  }
}
