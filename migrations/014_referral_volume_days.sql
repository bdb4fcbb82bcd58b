-- Counts of past days for the volumes and conversion reports. Counting every referral of two years at each
-- request costs a scan and a many-keyed aggregate of every row (over 200 ms at ten times Cwm Taf's volume), so
-- a London day's contacts, and how many of them became incidents, are counted once per form, service, channel,
-- source and local authority, the first time a report needs that day and it is at least three days old.
-- Writing a referral never touches these counts unless it changes a day already counted (a referral entered
-- days after it was received, a correction, an incident opened for an older referral): then that day's counts
-- are forgotten and counted again on the next request. `referral_day_counts` adds the referrals of days not
-- counted (the last few days, days a window only partly covers, forgotten days) from the referrals themselves.

CREATE TABLE referral_volume_days (
    day      date    NOT NULL,    -- London calendar day the referral was received
    service  text    NOT NULL,
    form     text    NOT NULL,
    channel  text    NOT NULL,
    source   text    NOT NULL,    -- source agency code, or 'member_of_public'
    local_authority text NOT NULL,
    contacts  integer NOT NULL CHECK (contacts > 0),
    incidents integer NOT NULL CHECK (incidents BETWEEN 0 AND contacts),   -- of those contacts, how many became incidents
    PRIMARY KEY (day, service, form, channel, source, local_authority)
);

-- The days whose counts above are complete (a day with no referrals is counted too, with no rows above).
CREATE TABLE referral_volume_days_counted (
    day        date        PRIMARY KEY,
    counted_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Forgets the counts of the London days of `instants` (a referral written into, or moved out of, a counted day).
CREATE FUNCTION referral_volume_forget(instants timestamptz[]) RETURNS void LANGUAGE sql AS $$
    WITH days AS (SELECT DISTINCT (i AT TIME ZONE 'Europe/London')::date AS day FROM unnest(instants) AS i),
    forgotten AS (DELETE FROM referral_volume_days_counted c USING days d WHERE c.day = d.day RETURNING c.day)
    DELETE FROM referral_volume_days v USING days d WHERE v.day = d.day;
$$;

CREATE FUNCTION referral_volume_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM referral_volume_forget(ARRAY[NEW.received_at]);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM referral_volume_forget(ARRAY[OLD.received_at, NEW.received_at]);
    ELSE
        PERFORM referral_volume_forget(ARRAY[OLD.received_at]);
    END IF;
    RETURN NULL;
END
$$;

-- A referral received more than a day before it is written may land in a counted day. (Days are counted only
-- once three days old, so a referral written within a day of receipt cannot, unless its transaction stayed open
-- for two days.) The condition is checked without calling the function, so ordinary creation pays nothing.
CREATE TRIGGER referrals_volume_backdated AFTER INSERT ON referrals
    FOR EACH ROW WHEN (NEW.received_at < clock_timestamp() - interval '1 day')
    EXECUTE FUNCTION referral_volume_after_change();
CREATE TRIGGER referrals_volume_moved AFTER UPDATE OF received_at, service, form, channel, source_agency ON referrals
    FOR EACH ROW WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.service IS DISTINCT FROM NEW.service
                       OR OLD.form IS DISTINCT FROM NEW.form OR OLD.channel IS DISTINCT FROM NEW.channel
                       OR OLD.source_agency IS DISTINCT FROM NEW.source_agency)
    EXECUTE FUNCTION referral_volume_after_change();
CREATE TRIGGER referrals_volume_deleted AFTER DELETE ON referrals
    FOR EACH ROW EXECUTE FUNCTION referral_volume_after_change();

-- An incident opened (or removed) counts against its referral's day.
CREATE FUNCTION referral_volume_after_incident_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM referral_volume_forget(ARRAY(
        SELECT r.received_at FROM referrals r
        WHERE r.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.referral_id ELSE NEW.referral_id END
           OR (TG_OP = 'UPDATE' AND r.id = OLD.referral_id)));
    RETURN NULL;
END
$$;
CREATE TRIGGER incidents_volume_changed AFTER INSERT OR DELETE OR UPDATE OF referral_id ON incidents
    FOR EACH ROW EXECUTE FUNCTION referral_volume_after_incident_change();

-- Counts the London days from `first` to `last` that are at least three days old and not yet counted; returns
-- how many it counted. The table lock makes counting and forgetting take turns: a writer that forgot a day
-- commits before the count reads the referrals, and a writer that forgets after the count has committed sees
-- the day it must forget. Nothing is locked when every day asked for is already counted.
CREATE FUNCTION referral_volume_count_days(first date, last date) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    missing date[];
BEGIN
    last := least(last, (clock_timestamp() AT TIME ZONE 'Europe/London')::date - 3);
    IF first > last THEN
        RETURN 0;
    END IF;
    SELECT array_agg(d::date) INTO missing
    FROM generate_series(first::timestamp, last::timestamp, interval '1 day') AS d
    WHERE NOT EXISTS (SELECT 1 FROM referral_volume_days_counted c WHERE c.day = d::date);
    IF missing IS NULL THEN
        RETURN 0;
    END IF;
    LOCK TABLE referral_volume_days_counted IN SHARE ROW EXCLUSIVE MODE;
    SELECT array_agg(d) INTO missing      -- again: another request may have counted them meanwhile
    FROM unnest(missing) AS d
    WHERE NOT EXISTS (SELECT 1 FROM referral_volume_days_counted c WHERE c.day = d);
    IF missing IS NULL THEN
        RETURN 0;
    END IF;
    INSERT INTO referral_volume_days (day, service, form, channel, source, local_authority, contacts, incidents)
    SELECT (r.received_at AT TIME ZONE 'Europe/London')::date, r.service, r.form, r.channel,
           coalesce(r.source_agency, 'member_of_public'), r.local_authority, count(*), count(i.id)
    FROM referrals r LEFT JOIN incidents i ON i.referral_id = r.id
    WHERE r.received_at >= ((SELECT min(d) FROM unnest(missing) AS d)::timestamp AT TIME ZONE 'Europe/London')
      AND r.received_at < (((SELECT max(d) FROM unnest(missing) AS d) + 1)::timestamp AT TIME ZONE 'Europe/London')
      AND (r.received_at AT TIME ZONE 'Europe/London')::date = ANY (missing)
    GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO referral_volume_days_counted (day) SELECT unnest(missing);
    RETURN cardinality(missing);
END
$$;

-- The referrals received from `starts` to `ends`, counted per London day and form, service, channel, source and
-- local authority, with how many became incidents: a counted day wholly inside the range from its counts, any
-- other day (not yet counted, forgotten, or only partly inside the range) from the referrals, one day's index
-- range at a time. Call `referral_volume_count_days` first to count what can be counted.
CREATE FUNCTION referral_day_counts(starts timestamptz, ends timestamptz)
RETURNS TABLE (day date, service text, form text, channel text, source text, local_authority text, contacts bigint, incidents bigint)
LANGUAGE sql STABLE AS $$
    WITH days AS (
        SELECT d::date AS day, d AT TIME ZONE 'Europe/London' AS day_start,
               (d + interval '1 day') AT TIME ZONE 'Europe/London' AS day_end
        FROM generate_series((starts AT TIME ZONE 'Europe/London')::date::timestamp, ends AT TIME ZONE 'Europe/London',
                             interval '1 day') AS d
        WHERE starts < ends
    ), counted AS (
        SELECT d.day FROM days d
        WHERE d.day_start >= starts AND d.day_end <= ends
          AND EXISTS (SELECT 1 FROM referral_volume_days_counted c WHERE c.day = d.day)
    )
    SELECT v.day, v.service, v.form, v.channel, v.source, v.local_authority, v.contacts::bigint, v.incidents::bigint
    FROM counted c JOIN referral_volume_days v ON v.day = c.day
    UNION ALL
    SELECT live.* FROM days d CROSS JOIN LATERAL (
        SELECT d.day, r.service, r.form, r.channel, coalesce(r.source_agency, 'member_of_public'), r.local_authority,
               count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM incidents i WHERE i.referral_id = r.id))
        FROM referrals r
        WHERE r.received_at >= greatest(d.day_start, starts) AND r.received_at < least(d.day_end, ends)
        GROUP BY 2, 3, 4, 5, 6
    ) AS live
    WHERE NOT EXISTS (SELECT 1 FROM counted c WHERE c.day = d.day)
$$;
