import { Access, roleMayAccess } from '../../../domain/access';
import { DomainError } from '../../../domain/shared/domain-error';
import type { ExchangeAdapter } from '../../../infrastructure/exchanges/exchange-adapter.port';
import { TIMEFRAMES, type Timeframe } from '../../../infrastructure/exchanges/market-data.types';
import type { AuthenticatedKey } from '../../auth';
import type { ExchangeRegistry } from '../../exchanges';
import type { TopicError, TopicParseResult } from '../../realtime';

export interface MarketTopicParams {
  exchange: string;
  /** ccxt unified symbol. */
  symbol: string;
  timeframe?: Timeframe;
}

const refuse = (code: string, message: string, details: Record<string, unknown> = {}) =>
  ({ ok: false, error: { code, message, details } }) as const;

function errorOf(error: unknown): TopicError {
  if (error instanceof DomainError)
    return { code: error.code, message: error.message, details: error.details };
  return {
    code: 'VENUE_UNAVAILABLE',
    message: 'The venue could not be reached to check the symbol',
    details: {},
  };
}

/**
 * `{kind}:{exchange}:{symbol}` and `ohlcv:{exchange}:{symbol}:{timeframe}`. A ccxt symbol holds
 * colons itself ('BTC/USDT:USDT'), so the exchange is the second segment, the timeframe the last one
 * and the symbol everything between; native symbols ('BTCUSDT') are resolved to ccxt form.
 */
export async function parseMarketTopic(
  registry: ExchangeRegistry,
  topic: string,
  withTimeframe: boolean,
): Promise<TopicParseResult<MarketTopicParams>> {
  const segments = topic.split(':');
  const [kind, exchange] = segments;
  const rest = segments.slice(2);
  const timeframe = withTimeframe ? rest.pop() : undefined;
  const symbol = rest.join(':');
  const shape = withTimeframe ? `${kind}:{exchange}:{symbol}:{timeframe}` : `${kind}:{exchange}:{symbol}`;
  if (exchange === undefined || exchange === '' || symbol === '' || (withTimeframe && !timeframe)) {
    return refuse('INVALID_TOPIC', `A ${kind} topic reads ${shape}`, { topic });
  }
  if (!registry.has(exchange)) {
    return refuse('UNKNOWN_EXCHANGE', `Exchange "${exchange}" is not configured`, {
      exchange,
      configured: registry.list(),
    });
  }
  let adapter: ExchangeAdapter;
  let ccxtSymbol: string;
  try {
    adapter = registry.get(exchange);
    ccxtSymbol = (await adapter.market(symbol)).symbol;
  } catch (error: unknown) {
    return { ok: false, error: errorOf(error) };
  }
  if (timeframe !== undefined) {
    if (
      !(TIMEFRAMES as readonly string[]).includes(timeframe) ||
      !adapter.capabilities.timeframes.includes(timeframe as Timeframe)
    ) {
      return refuse('BAD_TIMEFRAME', `Exchange "${exchange}" has no timeframe "${timeframe}"`, {
        timeframe,
        supported: adapter.capabilities.timeframes,
      });
    }
    return {
      ok: true,
      topic: {
        topic: `${kind}:${exchange}:${ccxtSymbol}:${timeframe}`,
        params: { exchange, symbol: ccxtSymbol, timeframe: timeframe as Timeframe },
      },
    };
  }
  return {
    ok: true,
    topic: { topic: `${kind}:${exchange}:${ccxtSymbol}`, params: { exchange, symbol: ccxtSymbol } },
  };
}

/** Market data is a shared read: every role may see it. */
export function mayReadMarketData(key: AuthenticatedKey): boolean {
  return roleMayAccess(key.role, Access.read);
}
