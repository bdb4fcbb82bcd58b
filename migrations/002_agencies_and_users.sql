-- Partner agencies, the people who sign in, and their sessions.

CREATE TABLE agencies (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code            text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind            text NOT NULL CHECK (kind IN (
                        'police', 'health', 'childrens_services', 'adult_services', 'education',
                        'probation', 'marac', 'fire', 'housing', 'other')),
    local_authority text,
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL
);

CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username        text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    agency_id       uuid NOT NULL REFERENCES agencies (id),
    role            text NOT NULL CHECK (role IN (
                        'mash_triage', 'mash_manager', 'partner_responder', 'board_viewer', 'admin')),
    password_hash   text NOT NULL,
    failed_attempts integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    disabled_at     timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE INDEX users_agency ON users (agency_id);

-- A bearer token is never stored: only its SHA-256.
CREATE TABLE sessions (
    token_hash      bytea PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL,
    last_seen_at    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    ended_reason    text CHECK (ended_reason IN ('signed_out', 'user_disabled', 'expired'))
);
CREATE INDEX sessions_live_by_user ON sessions (user_id) WHERE ended_at IS NULL;
