import { ACCESS_EVENT_CATALOGUE } from './access.catalogue';
import type { CatalogueEntry } from './event-catalogue';
import { STRATEGY_EVENT_CATALOGUE } from './strategy.catalogue';
import { TRADING_EVENT_CATALOGUE } from './trading.catalogue';
import { WEBHOOK_EVENT_CATALOGUE } from './webhooks.catalogue';

export * from './correlation-tree';
export * from './stream-replayer';
export * from './event-catalogue';

/** Every stored event type of the code base. Add a context's entries here when it starts writing events. */
export const EVENT_CATALOGUE: readonly CatalogueEntry[] = [
  ...ACCESS_EVENT_CATALOGUE,
  ...WEBHOOK_EVENT_CATALOGUE,
  ...TRADING_EVENT_CATALOGUE,
  ...STRATEGY_EVENT_CATALOGUE,
];
