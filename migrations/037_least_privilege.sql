-- Least privilege (issue #16). Hub used to connect as the cluster's superuser, which can switch the audit triggers
-- off (`SET session_replication_role = replica`, `ALTER TABLE … DISABLE TRIGGER`) and rewrite the trail. Now the
-- schema belongs to an owner role that runs the migrations, and `hub serve` connects as a role that owns nothing
-- and holds only what this file grants to the group role `hub_application` (the operator's login role is made a
-- member of it; README, "Your own PostgreSQL"; the embedded cluster's `hub_app` is one):
--   * SELECT, INSERT, UPDATE, DELETE on Hub's ordinary tables (and, through the default privileges below, on every
--     table a later migration creates: a later table that must be append-only revokes UPDATE and DELETE itself);
--   * only SELECT and INSERT on the audit trail (`audit_events`, `audit_seals`, `audit_verifications`), and on
--     `audit_seal_watermark` only SELECT and UPDATE of its one column (the sealer moves it; an event below the
--     watermark that is not sealed is named by `hub audit verify`, so moving it hides nothing);
--   * SELECT on `schema_migrations`; no TRUNCATE, REFERENCES or TRIGGER anywhere, and no CREATE in the schema;
--   * USAGE on the sequences, and UPDATE only on `tracker_records_id_seq` (an import reserves ids with setval);
--   * EXECUTE on the few functions below that a feed import needs the owner's rights for, and nothing more.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_application') THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            RAISE EXCEPTION 'the role hub_application does not exist and % may not create it', current_user
                USING HINT = 'As a superuser: CREATE ROLE hub_application NOLOGIN; then run the migrations again (README, "Your own PostgreSQL").';
        END IF;
        CREATE ROLE hub_application NOLOGIN;
    END IF;
END
$$;

-- Nobody but the owner creates anything in the schema (PostgreSQL 15's default; earlier versions let PUBLIC).
-- Said by the schema's owner only; anyone else is warned and nothing changes.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO hub_application;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hub_application;
REVOKE UPDATE, DELETE ON audit_events, audit_seals, audit_verifications FROM hub_application;
REVOKE INSERT, UPDATE, DELETE ON audit_seal_watermark, schema_migrations FROM hub_application;
GRANT UPDATE (watermark) ON audit_seal_watermark TO hub_application;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hub_application;
GRANT UPDATE ON SEQUENCE tracker_records_id_seq TO hub_application;

-- Tables and sequences the role running the migrations creates later get the same.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hub_application;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hub_application;

-- A large feed import drops the tracker's plain indexes, foreign keys and unique constraints for its transaction
-- and builds them again before it commits (migrations 010, 017, 018), and refreshes the planner's statistics: all
-- the table owner's rights. These functions now run with their owner's rights (SECURITY DEFINER), for the five
-- tracker tables only. The definitions they keep until the restore wait in a temporary table that they make and
-- that the owner owns; they refuse one made by anyone else, so the application cannot hand the owner a statement
-- to run.
CREATE FUNCTION tracker_suspension_table() RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    CREATE TEMPORARY TABLE IF NOT EXISTS tracker_suspended_indexes (
        name       text PRIMARY KEY,
        definition text NOT NULL
    ) ON COMMIT DROP;
    IF (SELECT c.relowner FROM pg_class c WHERE c.oid = 'pg_temp.tracker_suspended_indexes'::regclass)
       <> (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user) THEN
        RAISE EXCEPTION 'pg_temp.tracker_suspended_indexes was not made by the tracker''s functions'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

CREATE FUNCTION tracker_check_suspendable(target regclass) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF target NOT IN ('public.tracker_records'::regclass, 'public.tracker_events'::regclass, 'public.tracker_names'::regclass,
                      'public.tracker_addresses'::regclass, 'public.tracker_streets'::regclass) THEN
        RAISE EXCEPTION 'only the tracker''s tables are suspended for a bulk load, not %', target
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION tracker_suspend_indexes(target regclass) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    suspended integer := 0;
    ix record;
BEGIN
    PERFORM tracker_check_suspendable(target);
    PERFORM tracker_suspension_table();
    FOR ix IN
        SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i
        WHERE i.indrelid = target AND NOT i.indisprimary AND NOT i.indisunique
    LOOP
        INSERT INTO pg_temp.tracker_suspended_indexes (name, definition) VALUES (ix.name, ix.definition);
        EXECUTE format('DROP INDEX %s', ix.name);   -- regclass text: already schema-qualified and quoted as needed
        suspended := suspended + 1;
    END LOOP;
    RETURN suspended;
END
$$;

CREATE OR REPLACE FUNCTION tracker_suspend_foreign_keys(target regclass) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    suspended integer := 0;
    fk record;
BEGIN
    PERFORM tracker_check_suspendable(target);
    PERFORM tracker_suspension_table();
    FOR fk IN
        SELECT c.conname, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c
        WHERE c.conrelid = target AND c.contype = 'f'
        ORDER BY c.conname
    LOOP
        INSERT INTO pg_temp.tracker_suspended_indexes (name, definition)
        VALUES ('~' || fk.conname, format('ALTER TABLE %s ADD CONSTRAINT %I %s', target, fk.conname, fk.definition));
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', target, fk.conname);
        suspended := suspended + 1;
    END LOOP;
    RETURN suspended;
END
$$;

CREATE OR REPLACE FUNCTION tracker_suspend_unique_constraints(target regclass) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    suspended integer := 0;
    uc record;
BEGIN
    PERFORM tracker_check_suspendable(target);
    PERFORM tracker_suspension_table();
    FOR uc IN
        SELECT c.conname, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c
        WHERE c.conrelid = target AND c.contype = 'u'
        ORDER BY c.conname
    LOOP
        INSERT INTO pg_temp.tracker_suspended_indexes (name, definition)
        VALUES ('}' || uc.conname, format('ALTER TABLE %s ADD CONSTRAINT %I %s', target, uc.conname, uc.definition));
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', target, uc.conname);
        suspended := suspended + 1;
    END LOOP;
    RETURN suspended;
END
$$;

CREATE OR REPLACE FUNCTION tracker_restore_indexes() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    restored integer := 0;
    ix record;
BEGIN
    IF to_regclass('pg_temp.tracker_suspended_indexes') IS NULL THEN
        RETURN 0;
    END IF;
    PERFORM tracker_suspension_table();
    FOR ix IN SELECT name, definition FROM pg_temp.tracker_suspended_indexes ORDER BY name LOOP
        EXECUTE ix.definition;
        DELETE FROM pg_temp.tracker_suspended_indexes WHERE name = ix.name;
        restored := restored + 1;
    END LOOP;
    RETURN restored;
END
$$;

-- The planner's statistics after a large load (ANALYZE of a table is its owner's; anyone else's is skipped).
CREATE FUNCTION tracker_analyze() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    ANALYZE tracker_records, tracker_events;
END
$$;

REVOKE EXECUTE ON FUNCTION tracker_suspension_table(), tracker_check_suspendable(regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION tracker_suspend_indexes(regclass), tracker_suspend_foreign_keys(regclass),
    tracker_suspend_unique_constraints(regclass), tracker_restore_indexes(), tracker_analyze() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tracker_suspend_indexes(regclass), tracker_suspend_foreign_keys(regclass),
    tracker_suspend_unique_constraints(regclass), tracker_restore_indexes(), tracker_analyze() TO hub_application;
