import type { StoredEvent } from './event-store.types';

/** Lifts `data` of one event type from schema version `from` to `from + 1`. */
export interface Upcaster {
  eventType: string;
  fromVersion: number;
  upcast(data: unknown): unknown;
}

/**
 * Old events are never rewritten (the store is append-only); readers see them in the current shape
 * by chaining upcasters v1 -> v2 -> ... on read.
 */
export class UpcasterRegistry {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  register(...upcasters: Upcaster[]): this {
    for (const upcaster of upcasters) {
      const chain = this.byType.get(upcaster.eventType) ?? new Map<number, Upcaster>();
      if (chain.has(upcaster.fromVersion)) {
        throw new Error(`Two upcasters for ${upcaster.eventType} v${upcaster.fromVersion}`);
      }
      chain.set(upcaster.fromVersion, upcaster);
      this.byType.set(upcaster.eventType, chain);
    }
    return this;
  }

  upcast(event: StoredEvent): StoredEvent {
    const chain = this.byType.get(event.type);
    if (chain === undefined) return event;
    let { data, schemaVersion } = event;
    for (let step = chain.get(schemaVersion); step !== undefined; step = chain.get(schemaVersion)) {
      data = step.upcast(data);
      schemaVersion += 1;
    }
    return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
  }
}
