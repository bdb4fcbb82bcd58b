-- The household key is looked up again (issue #18, a household that moved together). Migration 018 dropped this index
-- because nothing then looked records up by household key. The person view now asks which other persons have records at
-- the person's households (TrackerPersonStore.linkInputs, `household_moved_together`): without the index that was a
-- sequential scan of every record on each read, 360 to 1,740 ms at a million records; with it 0.55 ms. A bulk load
-- suspends and builds it again with the others (tracker_suspend_indexes takes every plain index of the table).
CREATE INDEX tracker_records_household ON tracker_records (household_key);
