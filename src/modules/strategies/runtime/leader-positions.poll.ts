import type { LeaderPosition, StrategyFeed } from '../../../domain/strategy';

const DEFAULT_REST_URL = 'https://api.hyperliquid.xyz';

/** Hyperliquid's REST root: EXCHANGE_HYPERLIQUID_REST_URL's origin, else mainnet. */
export function hyperliquidRestUrl(env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.EXCHANGE_HYPERLIQUID_REST_URL;
  return (
    (configured === undefined ? undefined : /^[a-z]+:\/\/[^/]+/i.exec(configured)?.[0]) ?? DEFAULT_REST_URL
  );
}

/** clearinghouseState's assetPositions as signed leader positions (szi > 0 long); undefined if malformed. */
export function toLeaderPositions(body: unknown): LeaderPosition[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const rows = (body as { assetPositions?: unknown }).assetPositions;
  if (!Array.isArray(rows)) return undefined;
  const out: LeaderPosition[] = [];
  for (const row of rows as { position?: { coin?: unknown; szi?: unknown } }[]) {
    const quantity = Number(row.position?.szi);
    if (typeof row.position?.coin === 'string' && Number.isFinite(quantity))
      out.push({ symbol: row.position.coin, quantity });
  }
  return out;
}

/**
 * The followed address's positions, read every interval with `POST /info {type: 'clearinghouseState',
 * user}` (public, no key), for copy-trader's drift check. A failed read is skipped, never guessed.
 */
export class LeaderPositionsPoll {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly restUrl: string,
    private readonly leader: string,
    private readonly everyMs: number,
    private readonly now: () => number,
    private readonly onFeed: (feed: StrategyFeed) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  open(): void {
    this.timer = setInterval(() => void this.poll(), this.everyMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    try {
      const res = await fetch(`${this.restUrl}/info`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'clearinghouseState', user: this.leader }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`clearinghouseState answered ${res.status}`);
      const positions = toLeaderPositions(await res.json());
      if (positions === undefined) throw new Error('clearinghouseState without assetPositions');
      this.onFeed({ type: 'leader-positions', time: this.now(), positions });
    } catch (error) {
      this.onError(error);
    }
  }
}
