-- Migration 034 indexed sign_in_throttles.last_failure_at for a purge that no code runs yet. The column is rewritten
-- on every sign-in attempt, so the index only cost each attempt a heap-only-tuple update and grew with the table.
-- A purge of quiet keys, when one is written, can scan this small table or bring its index back with it.
DROP INDEX sign_in_throttles_last_failure;
