-- A leaner tracker import (issue #4), measured on a first load of 1,000,770 records and 1.8M events.
--
-- 1. `tracker_records.cleansed` becomes text. Hub writes it (CleansedRecordJSON) and reads it back whole to link
--    again; no query looks inside it. As jsonb, PostgreSQL parsed and rebuilt every record's JSON on the way in:
--    a `COPY` of 200,000 records took 6.7 s into jsonb and 4.3 s into text.
ALTER TABLE tracker_records ALTER COLUMN cleansed TYPE text USING cleansed::text;

-- 2. Three indexes no query uses: the area report matches postcodes by prefix on `tracker_records_postcode`
--    (text_pattern_ops) instead of sector and district equality, and nothing looks records up by household key.
DROP INDEX tracker_records_sector;
DROP INDEX tracker_records_district;
DROP INDEX tracker_records_household;

-- 3. A first load may also suspend the two tables' unique constraints (other than their primary keys) when every
--    source it writes is new, so nothing it writes can meet a row already held and no upsert needs them. Keeping
--    a four-column unique index up to date row by row took 4.4 s per 500,000 events; adding the constraint again
--    afterwards checks and builds it in 0.9 s. The snapshot already holds each record and each event once, so
--    adding it again fails only if that were broken, and then the import fails and rolls back.
--    The definitions wait with the suspended indexes and keys (named `}` + the constraint, apart from both), and
--    `tracker_restore_indexes` adds them again. Their order does not matter: no foreign key refers to them.
CREATE FUNCTION tracker_suspend_unique_constraints(target regclass) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    suspended integer := 0;
    uc record;
BEGIN
    CREATE TEMPORARY TABLE IF NOT EXISTS tracker_suspended_indexes (
        name       text PRIMARY KEY,
        definition text NOT NULL
    ) ON COMMIT DROP;
    FOR uc IN
        SELECT c.conname, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c
        WHERE c.conrelid = target AND c.contype = 'u'
        ORDER BY c.conname
    LOOP
        INSERT INTO tracker_suspended_indexes (name, definition)
        VALUES ('}' || uc.conname, format('ALTER TABLE %s ADD CONSTRAINT %I %s', target, uc.conname, uc.definition));
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', target, uc.conname);
        suspended := suspended + 1;
    END LOOP;
    RETURN suspended;
END
$$;
