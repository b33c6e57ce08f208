import { WebSocket } from 'ws';
import type { LeaderFill, StrategyFeed } from '../../../domain/strategy';

const DEFAULT_WS_URL = 'wss://api.hyperliquid.xyz/ws';
const RECONNECT_MS = 1_000;
const PING_MS = 30_000;

interface UserFillWire {
  coin?: unknown;
  px?: unknown;
  sz?: unknown;
  side?: unknown;
  time?: unknown;
  tid?: unknown;
}

/** Hyperliquid's websocket URL: EXCHANGE_HYPERLIQUID_WS_URL's origin + `/ws` (the venue's path), else mainnet. */
export function hyperliquidWsUrl(env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.EXCHANGE_HYPERLIQUID_WS_URL;
  const origin = configured === undefined ? undefined : /^[a-z]+:\/\/[^/]+/i.exec(configured)?.[0];
  return origin === undefined ? DEFAULT_WS_URL : `${origin}/ws`;
}

/** One userFills row as the SDK's LeaderFill ('B' buy, 'A' sell; tid is the fill id); undefined if malformed. */
export function toLeaderFill(raw: UserFillWire): LeaderFill | undefined {
  const price = Number(raw.px);
  const quantity = Number(raw.sz);
  if (typeof raw.coin !== 'string' || !(price > 0) || !(quantity > 0)) return undefined;
  if (raw.side !== 'B' && raw.side !== 'A') return undefined;
  if (typeof raw.tid !== 'number' && typeof raw.tid !== 'string') return undefined;
  return {
    fillId: String(raw.tid),
    symbol: raw.coin,
    side: raw.side === 'B' ? 'buy' : 'sell',
    price,
    quantity,
    time: typeof raw.time === 'number' ? raw.time : 0,
  };
}

/** A userFills frame as a strategy feed (isSnapshot: the replay sent on every subscribe). */
export function toLeaderFeed(message: unknown): StrategyFeed | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as { channel?: unknown; data?: { isSnapshot?: unknown; fills?: unknown } };
  if (m.channel !== 'userFills' || typeof m.data !== 'object' || m.data === null) return undefined;
  const rows = Array.isArray(m.data.fills) ? (m.data.fills as UserFillWire[]) : [];
  const fills = rows.map(toLeaderFill).filter((f): f is LeaderFill => f !== undefined);
  return { type: 'leader-fills', isSnapshot: m.data.isSnapshot === true, fills };
}

/**
 * A followed Hyperliquid address's fills (copy trading): a websocket subscription
 * `{method: 'subscribe', subscription: {type: 'userFills', user}}` on the venue's public socket (no
 * key needed). Each (re)subscribe first replays recent fills with isSnapshot: true, which the
 * strategy skips; fills made while disconnected are in that replay, so they are not copied late.
 */
export class LeaderFillsFeed {
  private socket: WebSocket | undefined;
  private closed = false;
  private ping: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly leader: string,
    private readonly onFeed: (feed: StrategyFeed) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  open(): void {
    if (this.closed) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.on('open', () => {
      socket.send(
        JSON.stringify({ method: 'subscribe', subscription: { type: 'userFills', user: this.leader } }),
      );
      this.ping = setInterval(() => socket.send(JSON.stringify({ method: 'ping' })), PING_MS);
      this.ping.unref();
    });
    socket.on('message', (raw: Buffer) => {
      let message: unknown;
      try {
        message = JSON.parse(raw.toString('utf8'));
      } catch {
        return;
      }
      const feed = toLeaderFeed(message);
      if (feed !== undefined) this.onFeed(feed);
    });
    socket.on('error', (error) => this.onError(error));
    socket.on('close', () => {
      clearInterval(this.ping);
      if (!this.closed) setTimeout(() => this.open(), RECONNECT_MS).unref();
    });
  }

  close(): void {
    this.closed = true;
    clearInterval(this.ping);
    this.socket?.terminate();
  }
}
