-- Bulk loading the tracker, continued (issue #4; migration 010 began it).
--
-- 1. The trigram indexes over the records' names and addresses go: search has matched names and addresses
--    fuzzily against their distinct values (`tracker_names`, `tracker_addresses`; migration 011) since then, and
--    no query uses these three. They were the costliest indexes to build after a bulk load and to keep up on
--    every later import. (The one over aliases stays: search looks for a name inside them.)
DROP INDEX tracker_records_forename_trgm;
DROP INDEX tracker_records_surname_trgm;
DROP INDEX tracker_records_address_trgm;

-- 2. A bulk load also suspends the foreign keys the two tables hold (records to their import, events to their
--    record). Checking a key row by row costs a lookup and a row lock for each of a million events; adding the
--    key again checks every row in one join. The definitions wait beside the suspended indexes, in the same
--    temporary table, and `tracker_restore_indexes` adds them again after the indexes (the import only writes
--    rows that satisfy them: events are joined to their live record, records name the import).

-- Drops the foreign keys `target` holds, remembering their definitions; returns how many.
CREATE FUNCTION tracker_suspend_foreign_keys(target regclass) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    suspended integer := 0;
    fk record;
BEGIN
    CREATE TEMPORARY TABLE IF NOT EXISTS tracker_suspended_indexes (
        name       text PRIMARY KEY,
        definition text NOT NULL
    ) ON COMMIT DROP;
    FOR fk IN
        SELECT c.conname, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c
        WHERE c.conrelid = target AND c.contype = 'f'
        ORDER BY c.conname
    LOOP
        -- Named apart from the indexes; `~` sorts after them in the C collation, so keys come back last there.
        INSERT INTO tracker_suspended_indexes (name, definition)
        VALUES ('~' || fk.conname, format('ALTER TABLE %s ADD CONSTRAINT %I %s', target, fk.conname, fk.definition));
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', target, fk.conname);
        suspended := suspended + 1;
    END LOOP;
    RETURN suspended;
END
$$;
