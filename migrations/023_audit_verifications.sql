-- Each check of the audit hash chain (by `hub audit verify` or an administrator's screen): when, by whom, how many
-- events were checked, the first problem found (none when intact) and the chain head, so the last verification
-- can be shown and compared with a head recorded elsewhere.
CREATE TABLE audit_verifications (
    id             bigserial PRIMARY KEY,
    verified_at    timestamptz NOT NULL,
    verified_by    text NOT NULL,
    checked        bigint NOT NULL,
    intact         boolean NOT NULL,
    first_problem  text,
    head_hash      text
);
