-- Sign-in throttling in place of the hard lock-out (#16 items 8 and 9). The lock-out counted failures on the user's
-- row after the password had been checked (so guesses sent at once were all checked) and locked the account for a
-- quarter of an hour (so anyone who knew a username could shut its owner out, again and again).
--
-- Now every attempt is counted first, in one statement, against two keys: the username as typed (normalised, whether
-- or not such a user exists, so that the throttle says nothing about who exists) and the client address. Past a few
-- free failures each key must wait a delay that doubles with each further failure, up to a cap (short for a
-- username, so a stranger can only slow its owner down; longer for an address, which slows one guesser down on every
-- username). An attempt made while a key must wait is refused without its password being checked and does not make
-- the delay longer. A quiet spell forgets the failures; a successful sign-in forgets the username's; an administrator
-- can forget them too (unlock). The delays themselves are SignInPolicy's; this table only keeps the state, shared by
-- every server on the database.
CREATE TABLE sign_in_throttles (
    scope           text NOT NULL CHECK (scope IN ('username', 'address')),
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    failures        integer NOT NULL CHECK (failures >= 0),   -- attempts counted since the last quiet spell
    last_failure_at timestamptz NOT NULL,
    wait_until      timestamptz,                             -- no attempt is checked before this
    PRIMARY KEY (scope, key)
);
CREATE INDEX sign_in_throttles_last_failure ON sign_in_throttles (last_failure_at);

-- A lock in force when this migration runs is lifted: the throttle starts afresh.
ALTER TABLE users DROP COLUMN failed_attempts;
ALTER TABLE users DROP COLUMN locked_until;
