import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting and under which ids: set per request or per handled event, read by the event store. */
export interface RequestContext {
  requestId: string | null;
  correlationId: string;
  causationId: string | null;
  actor: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
