-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- A run stopped by SIGTERM or SIGINT says so (finished_at stays NULL: the next run still refreshes the
-- merged events after it); a run killed outright (SIGKILL, power loss) has neither.
ALTER TABLE runs ADD COLUMN interrupted VARCHAR;
COMMENT ON COLUMN runs.interrupted IS 'The signal that stopped the run (SIGTERM, SIGINT), which rolled back its current batch; NULL otherwise.';
COMMENT ON TABLE runs IS 'One row per pipeline run: when, how many inputs, what became of them. finished_at NULL: running, interrupted (see interrupted) or killed.';
