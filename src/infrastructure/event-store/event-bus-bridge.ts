import { EventBus, type IEvent } from '@nestjs/cqrs';
import type { StoredEvent } from './event-store.types';
import type { ReactorHandler } from './subscription.types';

/** What @nestjs/cqrs handlers receive: a committed event from the store, never one straight after an append. */
export class StoredEventEnvelope implements IEvent {
  constructor(readonly event: StoredEvent) {}
}

/**
 * Feeds the CQRS EventBus from a durable subscription, so in-process event handlers and sagas see
 * exactly what was committed, in $all order. New deployments start at the head, not at history.
 */
export function eventBusBridge(eventBus: EventBus): ReactorHandler {
  return {
    name: 'cqrs-event-bus',
    startFrom: 'head',
    handle: (event) => {
      eventBus.publish(new StoredEventEnvelope(event));
      return Promise.resolve();
    },
  };
}
