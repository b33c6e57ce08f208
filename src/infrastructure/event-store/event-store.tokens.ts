/** The pg pool the event store and subscriptions query (the Database's pool). */
export const EVENT_STORE_POOL = Symbol('EVENT_STORE_POOL');
export const LEADER_LOCK = Symbol('LEADER_LOCK');
