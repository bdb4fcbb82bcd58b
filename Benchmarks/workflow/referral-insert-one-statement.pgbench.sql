-- The same database work as referral-insert.pgbench.sql, written the way the API now sends it: one statement
-- (data-modifying CTEs) that takes the reference, inserts the referral, its subjects (from a jsonb array), the
-- timeline entries (received, acknowledged) and the audit event, and commits by itself. run.sh reports the API against both ceilings.
-- Each transaction is about a different child (as the API benchmark's requests are).
\set child random(100000000, 999999999)
SELECT id AS uid FROM users WHERE username = 'triage' \gset
WITH reference_number AS (SELECT nextval('referral_reference_seq') AS n),
referral AS (
    INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority, source_agency, dash_risk,
                           document, created_by, created_at, updated_at)
    SELECT gen_random_uuid(), 'B-' || n, 'c1', 'children', 'received', 'phone', now() - interval '10 minutes', 'PIP Town Council',
           'piphire_uhb', NULL, (SELECT document FROM bench_document), :uid, now(), now()
    FROM reference_number
    RETURNING id, reference
),
subjects AS (
    INSERT INTO referral_subjects (referral_id, position, role, forename, surname, aliases, date_of_birth, expected_date_of_birth,
                                   gender, nhs_number, address_lines, town, postcode)
    SELECT referral.id, s.position, s.role, s.forename,
           CASE WHEN s.position = 0 THEN 'Peters-' || :child ELSE s.surname END, s.aliases, s.date_of_birth, s.expected_date_of_birth,
           s.gender, CASE WHEN s.position = 0 THEN lpad(:child::text, 10, '9') ELSE s.nhs_number END, s.address_lines, s.town, s.postcode
    FROM referral, jsonb_to_recordset('[{"position": 0, "role": "child", "forename": "Ceri", "surname": "Peters", "aliases": [], "date_of_birth": "2016-04-02", "gender": "female", "nhs_number": "9434765919", "address_lines": ["1 Stoops Fold", "Down Park"], "town": "PIP Town", "postcode": "PP2 5GN"}, {"position": 1, "role": "parent_carer", "forename": "Shira", "surname": "Peters", "aliases": [], "date_of_birth": "1990-07-21", "gender": "female", "address_lines": ["1 Stoops Fold", "Down Park"], "town": "PIP Town", "postcode": "PP2 5GN"}]'::jsonb) AS s(
        position integer, role text, forename text, surname text, aliases text[], date_of_birth date, expected_date_of_birth date,
        gender text, nhs_number text, address_lines text[], town text, postcode text)
),
timeline AS (
    INSERT INTO timeline_events (referral_id, incident_id, kind, occurred_at, actor_user_id, actor_name, actor_agency, detail)
    SELECT id, NULL, kind, now(), :uid, 'Tamsin Rowe (MASH triage)', 'pip_childrens', detail
    FROM referral, (VALUES (1, 'received', '{"channel": "phone", "form": "c1"}'::jsonb),
                           (2, 'acknowledged', '{"nextStep": "children_threshold_decision"}'::jsonb)) AS e(n, kind, detail)
    ORDER BY n
),
audit AS (
    INSERT INTO audit_events (occurred_at, request_id, user_id, username, agency_code, role, action, object_type, object_id, purpose,
                              outcome, detail)
    SELECT now(), md5(random()::text), :uid, 'triage', 'pip_childrens', 'mash_triage', 'referral.create', 'referral', id::text, NULL,
           'success', '{"form": "c1", "subjects": "2"}'::jsonb
    FROM referral
)
SELECT reference FROM referral;
