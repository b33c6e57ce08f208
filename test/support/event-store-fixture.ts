import { randomUUID } from 'node:crypto';
import { AppendNotifier } from '../../src/infrastructure/event-store/append-notifier';
import type { NewEvent } from '../../src/infrastructure/event-store/event-store.types';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres-event-store';
import type { SqlClient } from '../../src/infrastructure/event-store/sql-client';
import { UpcasterRegistry } from '../../src/infrastructure/event-store/upcasters';

export function storeOn(
  sql: SqlClient,
  notifier = new AppendNotifier(),
  upcasters = new UpcasterRegistry(),
): PostgresEventStore {
  return new PostgresEventStore(sql, upcasters, notifier);
}

export function anEvent(type = 'SomethingHappened', data: unknown = { n: 1 }): NewEvent {
  return { eventId: randomUUID(), type, data };
}

export function someEvents(count: number, type = 'SomethingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => anEvent(type, { n: i }));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
