-- Tracker search at scale (issue #4). Fuzzy matching (trigram similarity) runs on the distinct names and
-- address keys, a few thousand rows rather than every record; the records are then found by equality.
-- TrackerImportStore.upsert adds each batch's names and address keys; entries are never removed (records
-- are retired, not deleted), and an entry no record uses any more only costs an empty lookup.

-- Every folded forename and surname of a record.
CREATE TABLE tracker_names (
    name text PRIMARY KEY
);
INSERT INTO tracker_names (name)
SELECT name FROM (SELECT folded_forename AS name FROM tracker_records UNION SELECT folded_surname FROM tracker_records) n
WHERE name IS NOT NULL AND name <> '';
CREATE INDEX tracker_names_trgm ON tracker_names USING gin (name gin_trgm_ops);

-- Every standardised address of a record.
CREATE TABLE tracker_addresses (
    address_key text PRIMARY KEY
);
INSERT INTO tracker_addresses (address_key)
SELECT DISTINCT address_key FROM tracker_records WHERE address_key IS NOT NULL AND address_key <> '';
CREATE INDEX tracker_addresses_trgm ON tracker_addresses USING gin (address_key gin_trgm_ops);

-- Records by name pairs (surname first: also by surname alone), by surname and year of birth, and the same by
-- sound; the pairs are looked up directly rather than by intersecting two large sets (a common surname has
-- tens of thousands of records). The sound pairs cover what the surname's sound alone did.
CREATE INDEX tracker_records_surname_forename ON tracker_records (folded_surname, folded_forename);
CREATE INDEX tracker_records_surname_birth_year ON tracker_records (folded_surname, dob_year);
CREATE INDEX tracker_records_sound_names ON tracker_records (surname_phonetic, forename_phonetic);
CREATE INDEX tracker_records_sound_birth_year ON tracker_records (surname_phonetic, dob_year);
DROP INDEX tracker_records_surname_phonetic;
-- Records by forename and by address, by equality.
CREATE INDEX tracker_records_folded_forename ON tracker_records (folded_forename);
CREATE INDEX tracker_records_address_key ON tracker_records (address_key);
-- Nicknames: records whose forename has one of the searched name's canonical forms.
CREATE INDEX tracker_records_canonical_forenames ON tracker_records USING gin (canonical_forenames);
-- Aliases are rare: a trigram index over the records that have any, for `alias_names LIKE '%name%'`.
CREATE INDEX tracker_records_alias_trgm ON tracker_records USING gin (alias_names gin_trgm_ops) WHERE alias_names <> '';
