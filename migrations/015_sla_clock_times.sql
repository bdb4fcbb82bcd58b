-- The start and stop of each SLA clock as columns, for the SLA report: it selected strategy discussion clocks by
-- the start inside their JSON record, parsing every clock's record (over 200 ms at ten times Cwm Taf's volume).
-- The columns are generated from the record, so every write of a clock keeps them right without code to do so.

-- An ISO 8601 instant as the clock records write it (always with an offset, `Z`), read as timestamptz. Declared
-- immutable because such text reads the same whatever the session's time zone or date style, which a generated
-- column requires; it must not be used on text without an offset.
CREATE FUNCTION sla_record_instant(value text) RETURNS timestamptz LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT value::timestamptz
$$;

ALTER TABLE sla_clocks
    ADD COLUMN started_at timestamptz GENERATED ALWAYS AS (sla_record_instant(record->>'startedAt')) STORED,
    ADD COLUMN stopped_at timestamptz GENERATED ALWAYS AS (sla_record_instant(record->>'stoppedAt')) STORED;

CREATE INDEX sla_clocks_report ON sla_clocks (purpose, started_at) INCLUDE (incident_id, outcome, breached_at, due_at, stopped_at);
