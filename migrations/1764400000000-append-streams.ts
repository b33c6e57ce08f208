import type { MigrationInterface, QueryRunner } from 'typeorm';

/** STREAM_LOCK_CLASS of src/infrastructure/database/advisory-locks.ts, frozen here as migrations are. */
const STREAM_LOCK_CLASS = 7001;

/**
 * Group commit: several appends to different streams in one transaction (append_streams), so that
 * under load the store pays one statement, one commit and one WAL flush for a batch, not for each.
 *
 * The body of append_to_stream moves to append_stream_events, which answers a wrong expected
 * version with a marker row (position NULL, the stream's version) instead of an error: in a batch,
 * one append's conflict must not undo the others. append_to_stream keeps its contract (TB001,
 * TB409) on top of it.
 */
export class AppendStreams1764400000000 implements MigrationInterface {
  name = 'AppendStreams1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION append_stream_events(
        p_stream_id text, p_expected_kind text, p_expected_version bigint, p_events jsonb
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
        PERFORM pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, hashtext(p_stream_id));

        SELECT s.version, s.head_hash INTO v_current, v_hash FROM streams s WHERE s.stream_id = p_stream_id;
        v_current := coalesce(v_current, 0);

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
          RETURN QUERY SELECT NULL::bigint, v_current, false; -- the conflict marker
          RETURN;
        END IF;

        FOR i IN 1 .. v_count LOOP
          v_hash := sha256(coalesce(v_hash, '\\x'::bytea) || v_contents[i]);
          v_hashes[i] := v_hash;
        END LOOP;

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

    await q.query(`
      CREATE OR REPLACE FUNCTION append_to_stream(
        p_stream_id text, p_expected_kind text, p_expected_version bigint, p_events jsonb
      ) RETURNS TABLE (global_position bigint, stream_version bigint, replayed boolean)
      LANGUAGE plpgsql AS $$
      DECLARE
        r record;
      BEGIN
        IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
          RAISE EXCEPTION 'append_to_stream must be the first write of its transaction' USING ERRCODE = 'TB001';
        END IF;
        FOR r IN SELECT * FROM append_stream_events(p_stream_id, p_expected_kind, p_expected_version, p_events) LOOP
          IF r.global_position IS NULL THEN
            RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'TB409', DETAIL = r.stream_version::text;
          END IF;
          global_position := r.global_position;
          stream_version := r.stream_version;
          replayed := r.replayed;
          RETURN NEXT;
        END LOOP;
      END
      $$`);

    // Appends [{streamId, expectedKind, expectedVersion, events}] in one transaction, each as
    // append_stream_events would alone (a conflict is its marker row). Every stream is locked first,
    // in hash order, so two batches sharing streams cannot deadlock (a lone append takes one lock).
    await q.query(`
      CREATE FUNCTION append_streams(p_appends jsonb)
      RETURNS TABLE (append_index integer, global_position bigint, stream_version bigint, replayed boolean)
      LANGUAGE plpgsql AS $$
      DECLARE
        a record;
      BEGIN
        IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
          RAISE EXCEPTION 'append_streams must be the first write of its transaction' USING ERRCODE = 'TB001';
        END IF;
        PERFORM pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, l.h)
          FROM (SELECT DISTINCT hashtext(x->>'streamId') AS h FROM jsonb_array_elements(p_appends) AS x ORDER BY 1) AS l;
        FOR a IN SELECT x, t.ord FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS t(x, ord) LOOP
          RETURN QUERY SELECT a.ord::integer, r.global_position, r.stream_version, r.replayed
            FROM append_stream_events(a.x->>'streamId', a.x->>'expectedKind', (a.x->>'expectedVersion')::bigint, a.x->'events') AS r;
        END LOOP;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // append_to_stream keeps its contract on top of append_stream_events: only the batch goes.
    await q.query('DROP FUNCTION append_streams');
  }
}
