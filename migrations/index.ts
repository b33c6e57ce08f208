import { EventStore1763700000000 } from './1763700000000-event-store';
import { AuditAccess1763800000000 } from './1763800000000-audit-access';
import { Candles1763900000000 } from './1763900000000-candles';
import { Trading1764000000000 } from './1764000000000-trading';
import { Backtests1764100000000 } from './1764100000000-backtests';
import { Strategies1764200000000 } from './1764200000000-strategies';
import { WebhookRegisteredPosition1764300000000 } from './1764300000000-webhook-registered-position';
import { AppendStreams1764400000000 } from './1764400000000-append-streams';

/** Every migration in order: the only way the schema changes. Add new ones at the end. */
export const MIGRATIONS = [
  EventStore1763700000000,
  AuditAccess1763800000000,
  Candles1763900000000,
  Trading1764000000000,
  Backtests1764100000000,
  Strategies1764200000000,
  WebhookRegisteredPosition1764300000000,
  AppendStreams1764400000000,
];
