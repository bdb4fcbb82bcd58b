-- The database work of one audited referral creation, as pgbench runs it: the ceiling that
-- `hub bench referrals` is compared with. Same tables, indexes and row sizes as the API writes; the referral
-- document is one the API wrote (bench_document, made by run.sh), since pgbench would read its colons as variables.
-- Each transaction is about a different child (as the API benchmark's requests are).
\set child random(100000000, 999999999)
SELECT id AS uid FROM users WHERE username = 'triage' \gset
BEGIN;
SELECT nextval('referral_reference_seq') AS n \gset
INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority, source_agency, dash_risk,
                       document, created_by, created_at, updated_at)
VALUES (gen_random_uuid(), 'B-' || :n, 'c1', 'children', 'received', 'phone', now() - interval '10 minutes', 'PIP Town Council',
        'piphire_uhb', NULL,
        (SELECT document FROM bench_document),
        :uid, now(), now())
RETURNING id AS rid \gset
INSERT INTO referral_subjects (referral_id, position, role, forename, surname, aliases, date_of_birth, gender, nhs_number, address_lines, town, postcode)
VALUES (:rid, 0, 'child', 'Ceri', 'Peters-' || :child, '{}', '2016-04-02', 'female', lpad(:child::text, 10, '9'), '{"1 Stoops Fold","Down Park"}', 'PIP Town', 'PP2 5GN');
INSERT INTO referral_subjects (referral_id, position, role, forename, surname, aliases, date_of_birth, gender, nhs_number, address_lines, town, postcode)
VALUES (:rid, 1, 'parent_carer', 'Shira', 'Peters', '{}', '1990-07-21', 'female', NULL, '{"1 Stoops Fold","Down Park"}', 'PIP Town', 'PP2 5GN');
INSERT INTO timeline_events (referral_id, kind, occurred_at, actor_user_id, actor_name, actor_agency, detail)
VALUES (:rid, 'received', now(), :uid, 'Tamsin Rowe (MASH triage)', 'pip_childrens', '{"channel":"phone","form":"c1"}'),
       (:rid, 'acknowledged', now(), :uid, 'Tamsin Rowe (MASH triage)', 'pip_childrens', '{"nextStep":"children_threshold_decision"}');
INSERT INTO audit_events (occurred_at, request_id, user_id, username, agency_code, role, action, object_type, object_id, purpose, outcome, detail)
VALUES (now(), md5(random()::text), :uid, 'triage', 'pip_childrens', 'mash_triage', 'referral.create', 'referral', :rid, NULL, 'success',
        '{"form":"c1","subjects":"2"}');
COMMIT;
