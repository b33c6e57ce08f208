import type { Exchange } from 'ccxt';
import type { MalformedRowKind } from '../venue.metrics';
import { venueMalformedRows } from '../venue.metrics';
import { toVenueError } from './ccxt-error.mapper';
import type { BackoffPolicy } from './resilient-stream';
import type { VenueLogger } from './venue-logger';
import type { VenueProfile } from './venue-profile';

/**
 * What the snapshot and stream parts of one ccxt adapter share: the venue's profile, its logger,
 * the market-data ccxt instance and the typed-error wrapper every ccxt call goes through.
 */
export interface CcxtVenueContext {
  readonly id: string;
  readonly profile: VenueProfile;
  readonly logger: VenueLogger;
  readonly backoff?: BackoffPolicy;
  exchange(): Promise<Exchange>;
  /** ccxt's unified symbol for a ccxt or native symbol (BadSymbolError when unknown). */
  unifiedSymbol(exchange: Exchange, symbol: string): Promise<string>;
  isClosed(): boolean;
}

/** Runs one ccxt call, rethrowing its failure as the port's typed error. */
export async function callVenue<T>(
  context: CcxtVenueContext,
  exchange: Exchange,
  request: () => Promise<T>,
): Promise<T> {
  try {
    return await request();
  } catch (error: unknown) {
    throw toVenueError(error, { exchange, profile: context.profile });
  }
}

/** The market-data ccxt instance and ccxt's unified symbol for a ccxt or native symbol. */
export async function resolveSymbol(
  context: CcxtVenueContext,
  symbol: string,
): Promise<{ exchange: Exchange; unified: string }> {
  const exchange = await context.exchange();
  return { exchange, unified: await context.unifiedSymbol(exchange, symbol) };
}

/** A row the venue sent that cannot be parsed: skipped, counted and logged, never a crash. */
export function reportMalformedRow(context: CcxtVenueContext, kind: MalformedRowKind, row: unknown): void {
  venueMalformedRows.inc({ exchange: context.id, kind });
  context.logger.warn(
    { exchange: context.id, kind, row: preview(row) },
    'venue sent a malformed row: skipped',
  );
}

function preview(row: unknown): string {
  try {
    return JSON.stringify(row).slice(0, 200);
  } catch {
    return String(row);
  }
}
