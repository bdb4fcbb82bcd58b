-- Two indexes that cost every bulk load more than they give (issue #4). A first load of 1,000,770 records and
-- 1.8M events builds every index of the two tables again before it commits; these took 2.5–4 s and 1–1.3 s.
--
-- 1. Events by category and date: no query chooses it. The import's alerts and the reports take a date range
--    first (`tracker_events_date`) and the category among those rows; the three alert queries took the same time
--    without it (0.4–0.7 s each at a million records).
DROP INDEX tracker_events_category_date;

-- 2. Records by reference alone: search by reference id now looks the reference up under each source
--    (`tracker_sources` lists every source whose records are held) by the unique (source_system, source_record_id)
--    index the table has anyway, a handful of lookups.
DROP INDEX tracker_records_reference;
