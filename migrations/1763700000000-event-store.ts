import type { MigrationInterface, QueryRunner } from 'typeorm';

/** STREAM_LOCK_CLASS of src/infrastructure/database/advisory-locks.ts, frozen here as migrations are. */
const STREAM_LOCK_CLASS = 7001;

/**
 * The event store (ARCHITECTURE.md §2): streams, the append-only events table, the one-round-trip
 * append function with its hash chain, snapshots and subscription checkpoints.
 */
export class EventStore1763700000000 implements MigrationInterface {
  name = 'EventStore1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE streams (
        stream_id  text PRIMARY KEY,
        version    bigint NOT NULL,
        head_hash  bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id       text NOT NULL,
        stream_version  bigint NOT NULL,
        event_id        uuid NOT NULL UNIQUE,
        event_type      text NOT NULL,
        schema_version  integer NOT NULL,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        occurred_at     timestamptz NOT NULL,
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        hash            bytea NOT NULL,
        UNIQUE (stream_id, stream_version)
      )`);
    // $all is read in (transaction_id, global_position) order behind the xid fence.
    await q.query(`CREATE INDEX events_transaction_position ON events (transaction_id, global_position)`);

    // The hash chain, in two steps so that the costly part is set-based: each event's content hash
    // covers every stored column (with separators, so no field can change or move unnoticed), and
    // each link hashes the previous link with that content: hash = sha256(prev_hash || content_hash).
    await q.query(`
      CREATE FUNCTION event_content_hash(
        stream_id text, stream_version bigint, event_id uuid, event_type text,
        schema_version integer, occurred_at timestamptz, data jsonb, metadata jsonb
      ) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT sha256(convert_to(
          stream_id || chr(31) || stream_version::text || chr(31) || event_id::text || chr(31) ||
          event_type || chr(31) || schema_version::text || chr(31) ||
          (extract(epoch FROM occurred_at) * 1000000)::bigint::text || chr(31) ||
          data::text || chr(31) || metadata::text,
          'UTF8'))
      $$`);
    await q.query(`
      CREATE FUNCTION event_link_hash(prev bytea, content bytea) RETURNS bytea
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT sha256(coalesce(prev, '\\x'::bytea) || content) $$`);

    // The positions and versions of a replayed append: every id already in this stream, or nothing.
    await q.query(`
      CREATE FUNCTION appended_before(p_stream_id text, p_event_ids uuid[])
      RETURNS TABLE (global_position bigint, stream_version bigint) LANGUAGE sql STABLE AS $$
        SELECT e.global_position, e.stream_version FROM events e
        WHERE e.event_id = ANY (p_event_ids) AND e.stream_id = p_stream_id
          AND (SELECT count(*) FROM events x WHERE x.event_id = ANY (p_event_ids)) = cardinality(p_event_ids)
          AND NOT EXISTS (SELECT 1 FROM events x WHERE x.event_id = ANY (p_event_ids) AND x.stream_id <> p_stream_id)
        ORDER BY e.stream_version
      $$`);
    // One round trip: lock the stream, check the expected version, and only then draw positions.
    // Errors carry SQLSTATEs that the store maps to typed errors.
    //
    // Why an advisory lock and not SELECT ... FOR UPDATE: $all is read in transaction-id order, so
    // within a stream, transaction ids must follow stream versions. A row lock assigns the waiter's
    // transaction id before it waits, and waiters wake in no particular order; an advisory lock
    // assigns none, so the id is drawn only once the lock is held, after every earlier appender.
    // That holds only when the append is the transaction's first write, which is checked.
    await q.query(`
      CREATE FUNCTION append_to_stream(
        p_stream_id text, p_expected_kind text, p_expected_version bigint,
        -- [{"id","type","schemaVersion","occurredAt","data","metadata"}, ...]: one JSON document
        -- parses faster on both sides than nine arrays of escaped JSON strings.
        p_events jsonb
      ) RETURNS TABLE (global_position bigint, stream_version bigint, replayed boolean)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_current bigint;
        v_hash bytea;
        v_count integer := jsonb_array_length(p_events);
        v_ids uuid[];
        v_types text[];
        v_schema_versions integer[];
        v_occurred_at timestamptz[];
        v_data jsonb[];
        v_metadata jsonb[];
        v_contents bytea[];
        v_hashes bytea[] := array_fill(NULL::bytea, ARRAY[v_count]);
        v_positions bigint[];
        i integer;
      BEGIN
        IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
          RAISE EXCEPTION 'append_to_stream must be the first write of its transaction' USING ERRCODE = 'TB001';
        END IF;
        PERFORM pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, hashtext(p_stream_id));

        SELECT s.version, s.head_hash INTO v_current, v_hash FROM streams s WHERE s.stream_id = p_stream_id;
        v_current := coalesce(v_current, 0);

        -- Unpack the batch and hash each event's content in one pass (event_content_hash() written
        -- out: PL/pgSQL would not inline the call).
        SELECT array_agg(x.id ORDER BY x.ord), array_agg(x.typ ORDER BY x.ord), array_agg(x.sv ORDER BY x.ord),
               array_agg(x.o ORDER BY x.ord), array_agg(x.d ORDER BY x.ord), array_agg(x.m ORDER BY x.ord),
               array_agg(sha256(convert_to(
                 p_stream_id || chr(31) || (v_current + x.ord)::text || chr(31) || x.id::text || chr(31) ||
                 x.typ || chr(31) || x.sv::text || chr(31) || (extract(epoch FROM x.o) * 1000000)::bigint::text || chr(31) ||
                 x.d::text || chr(31) || x.m::text,
                 'UTF8')) ORDER BY x.ord)
          INTO v_ids, v_types, v_schema_versions, v_occurred_at, v_data, v_metadata, v_contents
          FROM (
            SELECT (e->>'id')::uuid AS id, e->>'type' AS typ, (e->>'schemaVersion')::integer AS sv,
                   (e->>'occurredAt')::timestamptz AS o, e->'data' AS d, e->'metadata' AS m, t.ord
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord)
          ) AS x;

        IF (p_expected_kind = 'no_stream' AND v_current <> 0)
          OR (p_expected_kind = 'stream_exists' AND v_current = 0)
          OR (p_expected_kind = 'exact' AND v_current <> p_expected_version) THEN
          RETURN QUERY SELECT a.global_position, a.stream_version, true FROM appended_before(p_stream_id, v_ids) AS a;
          IF FOUND THEN RETURN; END IF;
          RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'TB409', DETAIL = v_current::text;
        END IF;

        FOR i IN 1 .. v_count LOOP
          v_hash := sha256(coalesce(v_hash, '\\x'::bytea) || v_contents[i]);
          v_hashes[i] := v_hash;
        END LOOP;

        -- A conflict on event_id (unique_violation on events_event_id_key) is either a replay or a
        -- client bug; the store tells them apart with appended_before(). Nothing else can conflict
        -- while the stream lock is held.
        WITH inserted AS (
          INSERT INTO events AS e (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, hash)
          SELECT p_stream_id, v_current + t.ord, t.id, t.typ, t.sv, t.d, t.m, t.o, t.h
          FROM unnest(v_ids, v_types, v_schema_versions, v_data, v_metadata, v_occurred_at, v_hashes)
            WITH ORDINALITY AS t(id, typ, sv, d, m, o, h, ord)
          ORDER BY t.ord
          RETURNING e.global_position
        )
        SELECT array_agg(inserted.global_position ORDER BY inserted.global_position) INTO v_positions FROM inserted;

        INSERT INTO streams AS s (stream_id, version, head_hash) VALUES (p_stream_id, v_current + v_count, v_hash)
          ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash, updated_at = now();
        RETURN QUERY SELECT p.pos, v_current + p.ord, false FROM unnest(v_positions) WITH ORDINALITY AS p(pos, ord);
      END
      $$`);

    // Append-only, enforced by the database itself.
    await q.query(`
      CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'TB403';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_are_append_only()`);
    await q.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);

    // Snapshots are a cache of folded state: replaceable, never the source of truth.
    await q.query(`
      CREATE TABLE snapshots (
        stream_id      text PRIMARY KEY,
        stream_version bigint NOT NULL,
        snapshot_type  text NOT NULL,
        schema_version integer NOT NULL,
        state          jsonb NOT NULL,
        taken_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE subscription_checkpoints (
        subscription_id text PRIMARY KEY,
        position        bigint NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subscription_checkpoints, snapshots`);
    await q.query(`DROP TABLE events, streams`);
    await q.query(
      `DROP FUNCTION append_to_stream, appended_before, event_link_hash, event_content_hash, events_are_append_only`,
    );
  }
}
