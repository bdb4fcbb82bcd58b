-- Address search, nearly-like step (issue #4). When few addresses contain the text searched for, search also
-- looks for addresses nearly like it (a typo). It did so over every address key by trigram word similarity, and
-- a text such as `4 nant crescent` shares trigrams (`crescent`, the number) with thousands of keys: at a
-- million records that step scored over 11,000 candidates and took up to 140 ms. The street tells addresses
-- apart far better than the number or the street's type, so the step now finds the streets nearest the one
-- searched for among the distinct streets (a few thousand), then scores only the addresses on them.

-- The street of an address key (CleansedAddress.key: `flat 2, 10 high street`, `10 high street`,
-- `rose cottage, high street`): its last part, without the house number (a first word that starts with a digit)
-- that may lead it. A key with a number and no street has none (''). Search applies it to the text searched for
-- as well. Plain string functions, not regular expressions: every address an import adds goes through it.
CREATE FUNCTION tracker_street_of(address_key text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN strpos('0123456789', left(split_part(address_key, ', ', -1), 1)) > 0
            THEN substr(split_part(address_key, ', ', -1), length(split_part(split_part(address_key, ', ', -1), ' ', 1)) + 2)
            ELSE split_part(address_key, ', ', -1) END;

ALTER TABLE tracker_addresses ADD COLUMN street text GENERATED ALWAYS AS (tracker_street_of(address_key)) STORED;
CREATE INDEX tracker_addresses_street ON tracker_addresses (street);

-- Every street of an address key, for the trigram search. Like the names and address keys (migration 011), the
-- import adds to it (the streets of the address keys it adds) and nothing removes from it.
CREATE TABLE tracker_streets (
    street text PRIMARY KEY
);
INSERT INTO tracker_streets (street)
SELECT DISTINCT street FROM tracker_addresses WHERE street <> '';
CREATE INDEX tracker_streets_trgm ON tracker_streets USING gin (street gin_trgm_ops);
