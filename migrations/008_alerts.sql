-- Priority alerts: rules stored as data, the alerts they raise (each exactly once), acknowledgements per
-- agency, and watchlists. Alerts leave Hub through the same outbox as SLA escalations.

-- Which agency sends each feed source, so an alert can say who holds an open case ("another agency").
CREATE TABLE feed_source_agencies (
    source_system text PRIMARY KEY,
    agency_code   text NOT NULL REFERENCES agencies (code)
);

-- A rule: one of the conditions Hub knows how to evaluate, with its parameters, who is told, and the words
-- that explain it. New rules are new rows; a rule is switched off, never deleted, so its alerts keep their rule.
CREATE TABLE alert_rules (
    code             text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,60}$'),
    title            text NOT NULL,
    condition        text NOT NULL CHECK (condition IN (
                         'event_during_open_case', 'events_in_window', 'address_events_with_open_case',
                         'repeat_referral', 'referral_subject_open_case')),
    parameters       jsonb NOT NULL,
    notify_agencies  text[] NOT NULL CHECK (cardinality(notify_agencies) > 0),
    explanation      text NOT NULL,   -- a template: {placeholders} are filled from the alert's facts
    enabled          boolean NOT NULL DEFAULT true
);

INSERT INTO alert_rules (code, title, condition, parameters, notify_agencies, explanation) VALUES
(
    'cpp_child_attends_ae',
    'A child with an open child protection plan attends A&E',
    'event_during_open_case',
    '{"openEventTypes": ["CHILD_PROTECTION_PLAN"], "triggerCategories": ["ae_attendance"], "maxAgeYears": 18, "recentDays": 14}',
    '{piphire_mash,pip_childrens}',
    '{name}, aged {age}, who has an open child protection plan ({openSource}), attended A&E on {eventDate} ({eventSource}).'
),
(
    'child_not_brought_3_in_90_days',
    'A child not brought to three or more appointments in 90 days',
    'events_in_window',
    '{"categories": ["missed_appointment"], "minimumCount": 3, "windowDays": 90, "maxAgeYears": 18, "recentDays": 14}',
    '{piphire_mash,pip_childrens}',
    '{name}, aged {age}, was not brought to {count} appointments in the {windowDays} days to {eventDate} ({eventSources}).'
),
(
    'police_calls_to_child_case_address',
    'Three or more police calls in 12 months to an address where a child has an open case',
    'address_events_with_open_case',
    '{"categories": ["police_call"], "minimumCount": 3, "windowDays": 365, "openCategories": ["open_childrens_case"], "maxAgeYears": 18, "recentDays": 14}',
    '{piphire_mash,pip_childrens,piphire_police}',
    '{count} police calls in the {windowDays} days to {eventDate} to {address}, where {name}, aged {age}, has an open children''s case ({openSource}).'
),
(
    'referred_twice_in_7_days',
    'Two referrals about the same person within 7 days',
    'repeat_referral',
    '{"windowDays": 7, "roles": ["child", "unborn", "adult_at_risk", "victim"]}',
    '{piphire_mash,pip_childrens,pip_adults}',
    '{name} is the subject of referral {reference} ({receivedAt}) and of referral {otherReference} ({otherReceivedAt}), {days} days apart.'
),
(
    'referral_subject_open_elsewhere',
    'A subject of a new referral has an open case with another agency',
    'referral_subject_open_case',
    '{"openCategories": ["open_childrens_case", "open_adults_case"], "roles": ["child", "unborn", "adult_at_risk", "victim", "alleged_person_causing_harm", "parent_carer", "household_member"]}',
    '{piphire_mash,pip_childrens,pip_adults}',
    '{name}, a subject of referral {reference}, has an open case with {openAgency} ({openEventType} since {openSince}, lead professional {leadProfessional}).'
);

-- A raised alert. `dedupe_key` names what raised it (the rule and the triggering event or referral pair), so
-- re-importing an extract or re-evaluating a referral never raises it twice.
CREATE TABLE alerts (
    id               uuid PRIMARY KEY,
    rule_code        text REFERENCES alert_rules (code),   -- null for a watchlist alert
    dedupe_key       text NOT NULL UNIQUE,
    trigger          text NOT NULL CHECK (trigger IN ('import', 'referral')),
    raised_at        timestamptz NOT NULL,
    person_id        bigint,
    uprn             bigint,
    referral_id      uuid REFERENCES referrals (id),
    feed_import_id   bigint REFERENCES feed_imports (id),
    agency_codes     text[] NOT NULL,                   -- the agencies whose users see it
    watcher_user_id  uuid REFERENCES users (id),        -- a watchlist alert: only this user sees it
    title            text NOT NULL,
    explanation      text NOT NULL,
    facts            jsonb NOT NULL,
    CHECK (rule_code IS NOT NULL OR watcher_user_id IS NOT NULL)
);
CREATE INDEX alerts_agencies ON alerts USING gin (agency_codes);
CREATE INDEX alerts_raised ON alerts (raised_at DESC, id DESC);
CREATE INDEX alerts_watcher ON alerts (watcher_user_id, raised_at DESC) WHERE watcher_user_id IS NOT NULL;

-- An agency has seen an alert and says what it did about it (one acknowledgement per agency).
CREATE TABLE alert_acknowledgements (
    alert_id         uuid NOT NULL REFERENCES alerts (id),
    agency_code      text NOT NULL,
    acknowledged_by  uuid NOT NULL REFERENCES users (id),
    acknowledged_at  timestamptz NOT NULL,
    note             text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
    PRIMARY KEY (alert_id, agency_code)
);

-- A worker follows a person (through one of the person's records, which survives relinking) or an address.
CREATE TABLE watchlist_entries (
    id               uuid PRIMARY KEY,
    user_id          uuid NOT NULL REFERENCES users (id),
    anchor_record_id bigint REFERENCES tracker_records (id) ON DELETE CASCADE,
    uprn             bigint,
    reason           text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_at       timestamptz NOT NULL,
    removed_at       timestamptz,
    CHECK ((anchor_record_id IS NULL) <> (uprn IS NULL))
);
CREATE INDEX watchlist_entries_user ON watchlist_entries (user_id) WHERE removed_at IS NULL;
CREATE UNIQUE INDEX watchlist_entries_person ON watchlist_entries (user_id, anchor_record_id) WHERE removed_at IS NULL AND anchor_record_id IS NOT NULL;
CREATE UNIQUE INDEX watchlist_entries_address ON watchlist_entries (user_id, uprn) WHERE removed_at IS NULL AND uprn IS NOT NULL;

-- Referrals wait here to have the referral rules run over them (by any `hub serve` process, once).
ALTER TABLE referrals ADD COLUMN alerts_evaluated_at timestamptz;
UPDATE referrals SET alerts_evaluated_at = created_at;
CREATE INDEX referrals_alerts_pending ON referrals (created_at) WHERE alerts_evaluated_at IS NULL;

-- For the open-case conditions and the tracker reports.
CREATE INDEX tracker_events_category_date ON tracker_events (category, event_date);
