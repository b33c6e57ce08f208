import { requestContext } from '../observability/request-context';
import type { StoredEvent } from './event-store.types';
import type { ReactorHandler } from './subscription.types';

/**
 * Everything a reactor does on an event is caused by that event and shares its correlation, so one
 * request's consequences form a tree in the audit trail. The actor is `system:<reactor name>`.
 */
export function withCausation(handler: ReactorHandler): ReactorHandler {
  return {
    name: handler.name,
    eventTypes: handler.eventTypes,
    startFrom: handler.startFrom,
    onActive: () => handler.onActive?.(),
    ...(handler.orderingKey === undefined
      ? {}
      : {
          orderingKey: (event: StoredEvent) => handler.orderingKey?.(event),
          concurrency: handler.concurrency,
        }),
    handle: (event: StoredEvent) =>
      requestContext.run(
        {
          requestId: event.metadata.requestId,
          correlationId: event.metadata.correlationId,
          causationId: event.eventId,
          actor: `system:${handler.name}`,
        },
        () => handler.handle(event),
      ),
  };
}
