-- Why a screen user is looking at personal data: stated once per session and object (a referral's tracker
-- panel, the tracker), recorded on every read it covers. Ends with the session.
CREATE TABLE stated_purposes (
    token_hash  bytea NOT NULL REFERENCES sessions (token_hash) ON DELETE CASCADE,
    scope       text NOT NULL CHECK (length(scope) BETWEEN 1 AND 100),
    purpose     text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
    stated_at   timestamptz NOT NULL,
    PRIMARY KEY (token_hash, scope)
);

-- The tracker panel reads the alerts about the persons it shows.
CREATE INDEX alerts_person ON alerts (person_id, raised_at DESC) WHERE person_id IS NOT NULL;
