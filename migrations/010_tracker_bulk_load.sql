-- Bulk loading the tracker: a large import drops a table's search indexes inside its transaction and builds
-- them again before it commits (building an index over every row at once is far cheaper than maintaining it
-- row by row, the trigram GIN indexes above all). Primary keys and unique indexes stay: the upserts need them.
-- The definitions wait in a temporary table that goes with the transaction, so a failed import rolls back to
-- the indexes it started with, and a committed one always has them again (the importer restores before it
-- commits; `tracker_restore_indexes` is safe to call when nothing was suspended).

-- Drops the plain (neither primary nor unique) indexes of `target`, remembering their definitions; returns how many.
CREATE FUNCTION tracker_suspend_indexes(target regclass) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    suspended integer := 0;
    ix record;
BEGIN
    CREATE TEMPORARY TABLE IF NOT EXISTS tracker_suspended_indexes (
        name       text PRIMARY KEY,
        definition text NOT NULL
    ) ON COMMIT DROP;
    FOR ix IN
        SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i
        WHERE i.indrelid = target AND NOT i.indisprimary AND NOT i.indisunique
    LOOP
        INSERT INTO tracker_suspended_indexes (name, definition) VALUES (ix.name, ix.definition);
        EXECUTE format('DROP INDEX %s', ix.name);   -- regclass text: already schema-qualified and quoted as needed
        suspended := suspended + 1;
    END LOOP;
    RETURN suspended;
END
$$;

-- Builds again every index `tracker_suspend_indexes` dropped in this transaction; returns how many.
CREATE FUNCTION tracker_restore_indexes() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    restored integer := 0;
    ix record;
BEGIN
    IF to_regclass('pg_temp.tracker_suspended_indexes') IS NULL THEN
        RETURN 0;
    END IF;
    FOR ix IN SELECT name, definition FROM pg_temp.tracker_suspended_indexes ORDER BY name LOOP
        EXECUTE ix.definition;
        DELETE FROM pg_temp.tracker_suspended_indexes WHERE name = ix.name;
        restored := restored + 1;
    END LOOP;
    RETURN restored;
END
$$;
