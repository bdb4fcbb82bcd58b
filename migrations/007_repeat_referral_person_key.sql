-- Repeat referrals at scale. Each subject the report counts (child, unborn, adult at risk, victim) keeps the
-- London time of the latest strictly earlier referral of the same person to the same service: the same NHS
-- number, or the same forename, surname (case aside) and date of birth. The report then reads one column per
-- subject instead of pairing every subject with the person's history. Triggers keep it right whatever the order
-- referrals arrive in, so creating a referral sends nothing more.

-- Copies of the referral's service and received time (the workflow never changes them; a trigger below
-- follows them if anything does).
ALTER TABLE referral_subjects ADD COLUMN service text;
ALTER TABLE referral_subjects ADD COLUMN received_at timestamptz;
UPDATE referral_subjects s SET service = r.service, received_at = r.received_at FROM referrals r WHERE r.id = s.referral_id;
ALTER TABLE referral_subjects ALTER COLUMN service SET NOT NULL;
ALTER TABLE referral_subjects ALTER COLUMN received_at SET NOT NULL;

-- Null when the subject is not a counted role or the person had no earlier referral to the service.
ALTER TABLE referral_subjects ADD COLUMN previous_referral_local timestamp;

-- The latest London time of the counted subjects, other than `subject`, that are the same person as
-- (nhs_number; surname, forename, date_of_birth) in `service` received before `before`.
CREATE FUNCTION repeat_referral_previous(subject uuid, service text, before timestamptz, nhs_number text, surname text,
                                         forename text, date_of_birth date) RETURNS timestamp
LANGUAGE sql STABLE AS $$
    SELECT greatest(
        (SELECT max(e.received_at AT TIME ZONE 'Europe/London') FROM referral_subjects e
         WHERE e.nhs_number = $4 AND e.service = $2 AND e.received_at < $3 AND e.id <> $1
           AND e.role IN ('child', 'unborn', 'adult_at_risk', 'victim')),
        (SELECT max(e.received_at AT TIME ZONE 'Europe/London') FROM referral_subjects e
         WHERE lower(e.surname) = lower($5) AND lower(e.forename) = lower($6) AND e.date_of_birth = $7
           AND e.service = $2 AND e.received_at < $3 AND e.id <> $1 AND e.role IN ('child', 'unborn', 'adult_at_risk', 'victim')))
$$;

UPDATE referral_subjects s
SET previous_referral_local = repeat_referral_previous(s.id, s.service, s.received_at, s.nhs_number, s.surname, s.forename, s.date_of_birth)
WHERE s.role IN ('child', 'unborn', 'adult_at_risk', 'victim');

-- Before a subject is stored: copy its referral's service and time and find the person's previous referral, in
-- one statement so that creating a referral costs little more. Should the person already have a later referral
-- (this one recorded late), those later subjects may now have a later previous referral. (Subjects stored earlier
-- in the same statement are visible here, so a bulk insert in any order comes out right.)
CREATE FUNCTION referral_subject_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    later boolean;
BEGIN
    SELECT r.service, r.received_at, person.previous, person.later
    INTO NEW.service, NEW.received_at, NEW.previous_referral_local, later
    FROM referrals r
    LEFT JOIN LATERAL (
        SELECT max(e.received_at AT TIME ZONE 'Europe/London') FILTER (WHERE e.received_at < r.received_at) AS previous,
               bool_or(e.received_at > r.received_at) AS later
        FROM referral_subjects e
        WHERE NEW.role IN ('child', 'unborn', 'adult_at_risk', 'victim')
          AND (e.nhs_number = NEW.nhs_number
               OR (lower(e.surname) = lower(NEW.surname) AND lower(e.forename) = lower(NEW.forename)
                   AND e.date_of_birth = NEW.date_of_birth))
          AND e.service = r.service AND e.id <> NEW.id AND e.role IN ('child', 'unborn', 'adult_at_risk', 'victim')
    ) person ON true
    WHERE r.id = NEW.referral_id;
    IF later AND TG_OP = 'INSERT' THEN  -- (a changed subject's later referrals are worked out again after the change)
        UPDATE referral_subjects e SET previous_referral_local = NEW.received_at AT TIME ZONE 'Europe/London'
        WHERE (e.nhs_number = NEW.nhs_number
               OR (lower(e.surname) = lower(NEW.surname) AND lower(e.forename) = lower(NEW.forename)
                   AND e.date_of_birth = NEW.date_of_birth))
          AND e.service = NEW.service AND e.received_at > NEW.received_at
          AND e.role IN ('child', 'unborn', 'adult_at_risk', 'victim')
          AND (e.previous_referral_local IS NULL OR e.previous_referral_local < NEW.received_at AT TIME ZONE 'Europe/London');
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER referral_subjects_before_write
    BEFORE INSERT OR UPDATE OF referral_id, role, forename, surname, date_of_birth, nhs_number, service, received_at
    ON referral_subjects FOR EACH ROW EXECUTE FUNCTION referral_subject_before_write();

-- After a subject is changed or removed (the workflow does neither): work the person's later referrals out
-- again, under the identity it had and the one it has.
CREATE FUNCTION referral_subject_after_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE referral_subjects e
    SET previous_referral_local = repeat_referral_previous(e.id, e.service, e.received_at, e.nhs_number, e.surname, e.forename, e.date_of_birth)
    WHERE e.role IN ('child', 'unborn', 'adult_at_risk', 'victim') AND e.id <> OLD.id
      AND ((e.service = OLD.service AND e.received_at > OLD.received_at
            AND (e.nhs_number = OLD.nhs_number
                 OR (lower(e.surname) = lower(OLD.surname) AND lower(e.forename) = lower(OLD.forename) AND e.date_of_birth = OLD.date_of_birth)))
        OR (TG_OP = 'UPDATE' AND e.service = NEW.service AND e.received_at > NEW.received_at
            AND (e.nhs_number = NEW.nhs_number
                 OR (lower(e.surname) = lower(NEW.surname) AND lower(e.forename) = lower(NEW.forename) AND e.date_of_birth = NEW.date_of_birth))));
    RETURN NULL;
END
$$;
CREATE TRIGGER referral_subjects_after_change
    AFTER DELETE OR UPDATE OF referral_id, role, forename, surname, date_of_birth, nhs_number, service, received_at
    ON referral_subjects FOR EACH ROW EXECUTE FUNCTION referral_subject_after_change();

-- A referral's service or time changed (the workflow never does): its subjects follow, and the triggers above
-- work out what that changes.
CREATE FUNCTION referral_after_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE referral_subjects SET service = NEW.service, received_at = NEW.received_at WHERE referral_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER referrals_after_move AFTER UPDATE OF service, received_at ON referrals
    FOR EACH ROW WHEN (OLD.service IS DISTINCT FROM NEW.service OR OLD.received_at IS DISTINCT FROM NEW.received_at)
    EXECUTE FUNCTION referral_after_move();

-- The report's scan: subjects with a previous referral, by time received and referral (so that a referral's
-- subjects come together and it is counted once without a sort).
CREATE INDEX referral_subjects_repeat ON referral_subjects (received_at, referral_id) INCLUDE (service, previous_referral_local)
    WHERE previous_referral_local IS NOT NULL;
