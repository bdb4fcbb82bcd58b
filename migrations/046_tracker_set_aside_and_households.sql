-- Linkage that never drops a person (issue #18, items 1 and 3).
--
-- 1. A row whose date of birth, NHS number, postcode or UPRN cannot be used is no longer quarantined: it is loaded,
--    the value kept as sent in its own column (date_of_birth, nhs_number, postcode, supplied_uprn) and never cleansed,
--    so no search or matching column holds it, and the record is flagged with the reason here
--    (HubTracker's SetAsideReason; docs/feed-format.md, "Values set aside"). Quarantine keeps its reasons for rows
--    already stored; new imports quarantine only for a missing id or an unreadable event date.
--    The bulk load copies this column with the others (TrackerStagingText); the SECURITY DEFINER functions of
--    migration 037 name no column, and the grants of 037 are on the whole table, so nothing else changes.
ALTER TABLE tracker_records ADD COLUMN set_aside text[] NOT NULL DEFAULT '{}'
    CONSTRAINT tracker_records_set_aside_reasons CHECK (set_aside <@ ARRAY['unparseable_date_of_birth', 'impossible_date_of_birth',
                                                                          'bad_nhs_check_digit', 'malformed_postcode', 'unusable_uprn']::text[]);

-- 3. A household per person, for the person view and `hub tracker export-links` (one rule, here). A live record's
--    household is its property: its UPRN; else the UPRN another live record holds at the same postcode and address
--    key (as HubTracker's HouseholdGrouping promotes an address); else its address (postcode and address key), named
--    by a digest so that the id carries no address. A person's household is that of their live record seen most
--    recently (latest event; a UPRN before an address on a tie, then the lowest record id): the person's current
--    address when they have moved. A person whose records have no household key (no UPRN, no postcode and address)
--    has none. A query for one person reads only that person's records (the filter on person_id passes into the
--    DISTINCT ON).
CREATE VIEW tracker_person_households AS
SELECT DISTINCT ON (r.person_id)
       r.person_id,
       CASE WHEN h.uprn IS NOT NULL THEN 'uprn-' || h.uprn
            ELSE 'address-' || left(encode(sha256(convert_to(r.norm_postcode || '|' || r.address_key, 'UTF8')), 'hex'), 16)
       END AS household_id,
       CASE WHEN h.uprn IS NOT NULL THEN 'uprn' ELSE 'address' END AS basis
FROM tracker_records r
CROSS JOIN LATERAL (
    SELECT COALESCE(r.uprn, (SELECT min(u.uprn) FROM tracker_records u
                             WHERE u.norm_postcode = r.norm_postcode AND u.address_key = r.address_key
                               AND u.uprn IS NOT NULL AND u.retired_at IS NULL)) AS uprn) h
CROSS JOIN LATERAL (SELECT max(e.event_date) AS last_seen FROM tracker_events e WHERE e.record_id = r.id) seen
WHERE r.retired_at IS NULL AND r.person_id IS NOT NULL AND r.household_key IS NOT NULL
ORDER BY r.person_id, seen.last_seen DESC NULLS LAST, (h.uprn IS NULL), r.id;

GRANT SELECT ON tracker_person_households TO hub_application;

-- 2. Explanations name their fields (issue #18, item 2): a review's explanation numbered them (0–5, HubTracker's
--    LinkageField order); from now on they are written with names, and those already stored are renamed here.
UPDATE link_reviews SET explanation = jsonb_set(explanation, '{fields}', (
    SELECT jsonb_agg(CASE WHEN jsonb_typeof(f -> 'field') = 'number'
                          THEN jsonb_set(f, '{field}', to_jsonb((ARRAY['forename', 'surname', 'date_of_birth', 'address', 'gender',
                                                                       'nhs_number'])[(f ->> 'field')::int + 1]))
                          ELSE f END ORDER BY ord)
    FROM jsonb_array_elements(explanation -> 'fields') WITH ORDINALITY AS e(f, ord)))
WHERE jsonb_typeof(explanation -> 'fields') = 'array' AND jsonb_array_length(explanation -> 'fields') > 0;
