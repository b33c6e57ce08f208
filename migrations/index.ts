import { EventStore1763700000000 } from './1763700000000-event-store';
import { AuditAccess1763800000000 } from './1763800000000-audit-access';

/** Every migration in order: the only way the schema changes. Add new ones at the end. */
export const MIGRATIONS = [EventStore1763700000000, AuditAccess1763800000000];
