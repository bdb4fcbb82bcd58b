-- The audit trail: who read or changed what, when, why. Append-only, and tamper-evident through a hash
-- chain that a background sealer writes into audit_seals (see docs/architecture.md).

CREATE TABLE audit_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz NOT NULL,
    -- The database's own time of insert, independent of the application's clock; the sealer waits on it.
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    request_id      text,
    user_id         uuid,
    username        text,
    agency_code     text,
    role            text,
    action          text NOT NULL,
    object_type     text NOT NULL,
    object_id       text,
    purpose         text,
    outcome         text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    detail          jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_events_object ON audit_events (object_type, object_id, occurred_at);
CREATE INDEX audit_events_user ON audit_events (user_id, occurred_at);

-- One row per sealed event, in chain order: chain_hash = sha256(previous chain_hash || canonical event).
CREATE TABLE audit_seals (
    seq             bigint PRIMARY KEY,
    event_id        bigint NOT NULL UNIQUE,
    chain_hash      bytea NOT NULL,
    sealed_at       timestamptz NOT NULL
);

-- Every event with id <= watermark is sealed (events can commit out of id order, so the sealer looks
-- above the watermark for anything still unsealed).
CREATE TABLE audit_seal_watermark (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    watermark       bigint NOT NULL
);
INSERT INTO audit_seal_watermark (watermark) VALUES (0);

-- The exact text that is hashed for an event: every column, in a fixed order and format.
CREATE FUNCTION audit_canonical(e audit_events) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws(E'\x1f',
        e.id::text,
        to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(e.request_id, ''), coalesce(e.user_id::text, ''), coalesce(e.username, ''),
        coalesce(e.agency_code, ''), coalesce(e.role, ''), e.action, e.object_type,
        coalesce(e.object_id, ''), coalesce(e.purpose, ''), e.outcome, e.detail::text)
$$;

CREATE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, audit_seals FROM PUBLIC;
