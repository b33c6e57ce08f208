import { Counter } from 'prom-client';
import { metricsRegistry } from '../observability/metrics';

/**
 * Rows a venue answered that an adapter had to drop (NaN price, missing field, negative volume):
 * a rising count means a venue changed its format or an upstream is corrupting data, so alert on it
 * rather than on crashes (adapters skip such rows instead of failing the whole request).
 */
export const venueMalformedRows = new Counter({
  name: 'tradebook_venue_malformed_rows_total',
  help: 'Rows from a venue that failed validation and were skipped, by exchange and kind',
  labelNames: ['exchange', 'kind'] as const,
  registers: [metricsRegistry],
});

export type MalformedRowKind = 'klines' | 'trades' | 'book' | 'ticker';

/** The current count for one exchange and kind (tests and the contract suite read it). */
export async function malformedRowCount(exchange: string, kind: MalformedRowKind): Promise<number> {
  const metric = await venueMalformedRows.get();
  const sample = metric.values.find((v) => v.labels.exchange === exchange && v.labels.kind === kind);
  return sample?.value ?? 0;
}
