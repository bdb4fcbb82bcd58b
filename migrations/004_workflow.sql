-- The workflow: referrals, threshold decisions, incidents with RAG ratings, share requests, SLA clocks,
-- strategy discussions and outcomes, the timeline, and the outbox for escalations.

CREATE SEQUENCE referral_reference_seq;
CREATE SEQUENCE incident_reference_seq;

CREATE TABLE referrals (
    id              uuid PRIMARY KEY,
    reference       text NOT NULL UNIQUE,
    form            text NOT NULL CHECK (form IN ('c1', 'a1', 'ppn', 'marac')),
    service         text NOT NULL CHECK (service IN ('children', 'adults')),
    status          text NOT NULL CHECK (status IN ('received', 'threshold_met', 'awaiting_ratification', 'ratified', 'closed')),
    channel         text NOT NULL,
    received_at     timestamptz NOT NULL,
    local_authority text NOT NULL,
    source_agency   text,            -- the referrer's agency code, null for a member of the public
    dash_risk       text CHECK (dash_risk IN ('standard', 'medium', 'high')),
    document        jsonb NOT NULL,  -- the validated referral as the API shows it
    created_by      uuid NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         integer NOT NULL DEFAULT 1
);
CREATE INDEX referrals_received ON referrals (received_at DESC, id DESC);
CREATE INDEX referrals_status_received ON referrals (status, received_at DESC);
CREATE INDEX referrals_form_received ON referrals (form, received_at DESC);

-- One row per subject, for search, the tracker panel and repeat-referral reports.
CREATE TABLE referral_subjects (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    referral_id             uuid NOT NULL REFERENCES referrals (id),
    position                integer NOT NULL,
    role                    text NOT NULL,
    forename                text NOT NULL,
    surname                 text NOT NULL,
    aliases                 text[] NOT NULL DEFAULT '{}',
    date_of_birth           date,
    expected_date_of_birth  date,
    gender                  text NOT NULL,
    nhs_number              text,
    address_lines           text[] NOT NULL DEFAULT '{}',
    town                    text,
    postcode                text,
    UNIQUE (referral_id, position)
);
CREATE INDEX referral_subjects_nhs ON referral_subjects (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX referral_subjects_name_dob ON referral_subjects (lower(surname), date_of_birth);

-- Idempotent creation: a retry with the same key and body gets the first response.
CREATE TABLE idempotency_keys (
    user_id         uuid NOT NULL REFERENCES users (id),
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash    bytea NOT NULL,
    response_status integer,
    response_body   bytea,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);

CREATE TABLE threshold_decisions (
    id                  uuid PRIMARY KEY,
    referral_id         uuid NOT NULL REFERENCES referrals (id),
    kind                text NOT NULL CHECK (kind IN ('meets_threshold', 'no_further_action', 'information_advice_assistance', 'signposting')),
    rationale           text NOT NULL,
    rag                 text CHECK (rag IN ('red', 'amber', 'green')),
    decided_by          uuid NOT NULL REFERENCES users (id),
    decided_at          timestamptz NOT NULL,
    ratification        text CHECK (ratification IN ('ratified', 'overturned')),
    ratification_note   text,
    ratified_by         uuid REFERENCES users (id),
    ratified_at         timestamptz
);
CREATE INDEX threshold_decisions_referral ON threshold_decisions (referral_id, decided_at);

CREATE TABLE incidents (
    id              uuid PRIMARY KEY,
    reference       text NOT NULL UNIQUE,
    referral_id     uuid NOT NULL UNIQUE REFERENCES referrals (id),
    form            text NOT NULL,
    service         text NOT NULL,
    local_authority text NOT NULL,
    rag             text NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
    state           text NOT NULL CHECK (state IN ('open', 'sharing', 'strategy', 'outcome_recorded', 'closed')),
    opened_at       timestamptz NOT NULL,
    closed_at       timestamptz,
    updated_at      timestamptz NOT NULL,
    version         integer NOT NULL DEFAULT 1
);
CREATE INDEX incidents_board ON incidents (state, rag, opened_at DESC);
CREATE INDEX incidents_opened ON incidents (opened_at DESC, id DESC);

-- Every rating an incident has had, first one included.
CREATE TABLE incident_ratings (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id uuid NOT NULL REFERENCES incidents (id),
    rag         text NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
    rationale   text NOT NULL,
    rated_by    uuid NOT NULL REFERENCES users (id),
    rated_at    timestamptz NOT NULL
);
CREATE INDEX incident_ratings_incident ON incident_ratings (incident_id, id);

CREATE TABLE share_requests (
    id                  uuid PRIMARY KEY,
    incident_id         uuid NOT NULL REFERENCES incidents (id),
    agency_id           uuid NOT NULL REFERENCES agencies (id),
    requested_at        timestamptz NOT NULL,
    requested_by        uuid NOT NULL REFERENCES users (id),
    due_at              timestamptz NOT NULL,
    state               text NOT NULL CHECK (state IN ('requested', 'answered')),
    response_kind       text CHECK (response_kind IN ('information_shared', 'nothing_known', 'declined')),
    information         text,
    decline_reason      text,
    answered_by         uuid REFERENCES users (id),
    answered_at         timestamptz,
    answered_on_time    boolean,
    chase_count         integer NOT NULL DEFAULT 0,
    last_chased_at      timestamptz,
    UNIQUE (incident_id, agency_id),
    CHECK ((state = 'answered') = (answered_at IS NOT NULL))
);
CREATE INDEX share_requests_agency_state ON share_requests (agency_id, state, due_at);

-- SLA clocks. `record` is the clock's full history (HubWorkflow's SLAClockRecord); due_at and warn_at are
-- derived from it and indexed so the sweep finds what is due without scanning.
CREATE TABLE sla_clocks (
    id                  uuid PRIMARY KEY,
    incident_id         uuid NOT NULL REFERENCES incidents (id),
    purpose             text NOT NULL CHECK (purpose IN ('share_request', 'strategy_discussion')),
    share_request_id    uuid UNIQUE REFERENCES share_requests (id),
    record              jsonb NOT NULL,
    due_at              timestamptz,   -- null while paused or once stopped
    warn_at             timestamptz,
    outcome             text CHECK (outcome IN ('met', 'breached')),
    warned_at           timestamptz,
    breached_at         timestamptz,
    generation          integer NOT NULL DEFAULT 1  -- bumped on re-rating so a new due time can warn again
);
CREATE INDEX sla_clocks_incident ON sla_clocks (incident_id);
CREATE INDEX sla_clocks_warning_pending ON sla_clocks (warn_at) WHERE warned_at IS NULL AND warn_at IS NOT NULL;
CREATE INDEX sla_clocks_breach_pending ON sla_clocks (due_at) WHERE breached_at IS NULL AND due_at IS NOT NULL;

CREATE TABLE strategy_discussions (
    id              uuid PRIMARY KEY,
    incident_id     uuid NOT NULL REFERENCES incidents (id),
    kind            text NOT NULL CHECK (kind IN ('strategy_discussion', 'strategy_meeting', 'domestic_abuse_daily_discussion')),
    held_at         timestamptz NOT NULL,
    outcome         text,
    document        jsonb NOT NULL,
    recorded_by     uuid NOT NULL REFERENCES users (id),
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX strategy_discussions_incident ON strategy_discussions (incident_id, held_at);
CREATE INDEX strategy_discussions_held ON strategy_discussions (held_at);

CREATE TABLE agreed_actions (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    discussion_id   uuid NOT NULL REFERENCES strategy_discussions (id),
    owner_agency    text NOT NULL,
    description     text NOT NULL,
    due_date        date NOT NULL,
    completed_at    timestamptz
);
CREATE INDEX agreed_actions_owner ON agreed_actions (owner_agency, due_date) WHERE completed_at IS NULL;

-- The history of a referral and its incident, in order.
CREATE TABLE timeline_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referral_id     uuid NOT NULL REFERENCES referrals (id),
    incident_id     uuid REFERENCES incidents (id),
    kind            text NOT NULL,
    occurred_at     timestamptz NOT NULL,
    actor_user_id   uuid,
    actor_name      text,
    actor_agency    text,
    detail          jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX timeline_events_referral ON timeline_events (referral_id, occurred_at, id);

-- Messages to deliver outside Hub (SLA warnings and breaches, alerts). dedupe_key makes each event unique,
-- so several sweepers on one database emit it exactly once.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic           text NOT NULL,
    dedupe_key      text NOT NULL UNIQUE,
    payload         jsonb NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_error      text
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
