-- The tracker: the address gazetteer, partner feed imports, source records with their cleansed search
-- columns, events, quarantined rows, linkage reviews, do-not-link pairs and the saved linkage model.

-- One property per UPRN, with the address key cleansing builds, for giving records their UPRN.
CREATE TABLE gazetteer (
    uprn            bigint PRIMARY KEY,
    address_line1   text NOT NULL DEFAULT '',
    address_line2   text NOT NULL DEFAULT '',
    town            text NOT NULL DEFAULT '',
    postcode        text NOT NULL DEFAULT '',   -- normalised (`PP2 5GN`)
    address_key     text                         -- as AddressCleanser builds it; null when too thin
);
CREATE INDEX gazetteer_postcode ON gazetteer (postcode);

-- One imported extract: what came, when, and what it did. A byte-identical file is recognised by its hash.
CREATE TABLE feed_imports (
    id              bigserial PRIMARY KEY,
    file_name       text NOT NULL,
    sha256          text NOT NULL UNIQUE,
    size_bytes      bigint NOT NULL,
    extract_date    date NOT NULL,
    received_at     timestamptz NOT NULL,
    imported_by     text,                        -- the operator (username or `cli`)
    status          text NOT NULL CHECK (status IN ('loaded', 'rejected')),
    rows_read       integer NOT NULL DEFAULT 0,
    rows_loaded     integer NOT NULL DEFAULT 0,
    rows_quarantined integer NOT NULL DEFAULT 0,
    report          jsonb NOT NULL DEFAULT '{}'  -- counts and codes only, never personal data
);

-- The latest extract date imported per source, for refusing stale extracts.
CREATE TABLE tracker_sources (
    source_system   text PRIMARY KEY,
    extract_date    date NOT NULL,
    last_import_id  bigint NOT NULL REFERENCES feed_imports (id)
);

-- One partner record (a person as one source knows them), raw and cleansed.
CREATE TABLE tracker_records (
    id               bigserial PRIMARY KEY,
    source_system    text NOT NULL,
    source_record_id text NOT NULL,
    -- As supplied (trimmed), from the row with the latest event date.
    forename         text,
    surname          text,
    aliases          text[] NOT NULL DEFAULT '{}',
    date_of_birth    text,
    gender           text,
    address_line1    text,
    address_line2    text,
    town             text,
    postcode         text,
    nhs_number       text,
    supplied_uprn    text,
    details_hash     text NOT NULL,               -- of the supplied details, to see a change cheaply
    cleansed         jsonb NOT NULL,              -- HubTracker's CleansedRecord
    -- Search columns derived from `cleansed`.
    folded_forename  text,
    folded_surname   text,
    forename_phonetic text,
    surname_phonetic text,
    canonical_forenames text[] NOT NULL DEFAULT '{}',
    alias_names      text NOT NULL DEFAULT '',    -- folded `forename surname` of each alias, space separated
    dob_year         integer,
    dob_month        integer,
    dob_day          integer,
    norm_postcode    text,
    postcode_sector  text,
    postcode_district text,
    address_key      text,
    valid_nhs_number text,
    uprn             bigint,
    person_id        bigint,
    household_key    text,
    retired_at       timestamptz,
    retired_by_import bigint REFERENCES feed_imports (id),
    last_import_id   bigint REFERENCES feed_imports (id),
    UNIQUE (source_system, source_record_id)
);
CREATE INDEX tracker_records_forename_trgm ON tracker_records USING gin (folded_forename gin_trgm_ops);
CREATE INDEX tracker_records_surname_trgm ON tracker_records USING gin (folded_surname gin_trgm_ops);
CREATE INDEX tracker_records_address_trgm ON tracker_records USING gin (address_key gin_trgm_ops);
CREATE INDEX tracker_records_surname_phonetic ON tracker_records (surname_phonetic);
CREATE INDEX tracker_records_forename_phonetic ON tracker_records (forename_phonetic);
CREATE INDEX tracker_records_nhs ON tracker_records (valid_nhs_number);
CREATE INDEX tracker_records_postcode ON tracker_records (norm_postcode text_pattern_ops);
CREATE INDEX tracker_records_sector ON tracker_records (postcode_sector);
CREATE INDEX tracker_records_district ON tracker_records (postcode_district);
CREATE INDEX tracker_records_uprn ON tracker_records (uprn);
CREATE INDEX tracker_records_person ON tracker_records (person_id);
CREATE INDEX tracker_records_household ON tracker_records (household_key);
CREATE INDEX tracker_records_dob ON tracker_records (dob_year, dob_month, dob_day);
CREATE INDEX tracker_records_reference ON tracker_records (source_record_id);

-- Event codes and their categories (docs/feed-format.md); a code not here is kept in category `unknown`.
CREATE TABLE event_type_categories (
    code     text PRIMARY KEY,
    category text NOT NULL
);
INSERT INTO event_type_categories (code, category) VALUES
    ('CSC_REFERRAL', 'open_childrens_case'),
    ('CHILD_IN_NEED', 'open_childrens_case'),
    ('CHILD_PROTECTION_PLAN', 'open_childrens_case'),
    ('LOOKED_AFTER', 'open_childrens_case'),
    ('ASC_OPEN_CASE', 'open_adults_case'),
    ('ADULT_SAFEGUARDING_ENQUIRY', 'open_adults_case'),
    ('AE_ATTENDANCE', 'ae_attendance'),
    ('WAS_NOT_BROUGHT', 'missed_appointment'),
    ('DID_NOT_ATTEND', 'missed_appointment'),
    ('POLICE_999_CALL', 'police_call'),
    ('POLICE_101_CALL', 'police_call');

-- One interaction of a record with its partner.
CREATE TABLE tracker_events (
    id                       bigserial PRIMARY KEY,
    record_id                bigint NOT NULL REFERENCES tracker_records (id) ON DELETE CASCADE,
    source_system            text NOT NULL,
    source_record_id         text NOT NULL,
    event_type               text NOT NULL,   -- trimmed and upper-cased, as sent otherwise
    category                 text NOT NULL,   -- from event_type_categories, else `unknown`
    event_date               date NOT NULL,
    lead_professional_name   text,
    lead_professional_phone  text,
    lead_professional_email  text,
    UNIQUE (source_system, source_record_id, event_type, event_date)
);
CREATE INDEX tracker_events_record_date ON tracker_events (record_id, event_date);
CREATE INDEX tracker_events_date ON tracker_events (event_date);

-- Interactions counted per record before `hub tracker purge` removed their detail.
CREATE TABLE tracker_event_counts (
    record_id  bigint PRIMARY KEY REFERENCES tracker_records (id) ON DELETE CASCADE,
    purged     integer NOT NULL DEFAULT 0
);

-- Rows refused on import: where and why, and the identifying pair, never the row's personal data.
CREATE TABLE quarantined_rows (
    id               bigserial PRIMARY KEY,
    import_id        bigint NOT NULL REFERENCES feed_imports (id),
    line             integer NOT NULL,
    reason           text NOT NULL CHECK (reason IN ('missing_id', 'unparseable_date', 'impossible_date',
                                                      'bad_nhs_check_digit', 'malformed_postcode')),
    source_system    text,
    source_record_id text
);
CREATE INDEX quarantined_rows_import ON quarantined_rows (import_id);

-- Pairs scored between the automatic-link and review thresholds, for a person to decide.
CREATE TABLE link_reviews (
    id            bigserial PRIMARY KEY,
    record_a      bigint NOT NULL REFERENCES tracker_records (id) ON DELETE CASCADE,
    record_b      bigint NOT NULL REFERENCES tracker_records (id) ON DELETE CASCADE,
    score         double precision NOT NULL,   -- match weight
    probability   double precision NOT NULL,
    explanation   jsonb NOT NULL,
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
    created_at    timestamptz NOT NULL,
    decided_by    uuid REFERENCES users (id),
    decided_at    timestamptz,
    CHECK (record_a < record_b),
    UNIQUE (record_a, record_b)
);
CREATE INDEX link_reviews_pending ON link_reviews (status, score DESC);

-- Records a person said are not the same person: linkage never joins them.
CREATE TABLE do_not_link (
    source_system_a    text NOT NULL,
    source_record_id_a text NOT NULL,
    source_system_b    text NOT NULL,
    source_record_id_b text NOT NULL,
    created_at         timestamptz NOT NULL,
    created_by         uuid REFERENCES users (id),
    PRIMARY KEY (source_system_a, source_record_id_a, source_system_b, source_record_id_b)
);

-- Records a person said are the same person (a confirmed review): kept together on relinking.
CREATE TABLE confirmed_links (
    record_a   bigint NOT NULL REFERENCES tracker_records (id) ON DELETE CASCADE,
    record_b   bigint NOT NULL REFERENCES tracker_records (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    created_by uuid REFERENCES users (id),
    PRIMARY KEY (record_a, record_b)
);

-- The linkage model of the last full run (HubTracker's LinkageModel), used to link new records.
CREATE TABLE linkage_models (
    id          bigserial PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    records     integer NOT NULL,
    model       jsonb NOT NULL
);
