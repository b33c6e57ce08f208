/**
 * Advisory-lock class ids, used with the two-key form pg_advisory_*(class, key) so that the kinds
 * never collide. The stream lock (7001) is taken inside append_to_stream (see the first migration).
 */
export const STREAM_LOCK_CLASS = 7001;
export const LEADER_LOCK_CLASS = 7002;
export const MIGRATION_LOCK_CLASS = 7003;
