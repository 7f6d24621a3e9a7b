-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- timeline forget is logged like any run.
ALTER TABLE runs ADD COLUMN articles_forgotten INTEGER;
COMMENT ON COLUMN runs.articles_forgotten IS 'Articles removed by timeline forget in this run, with everything derived from them.';
COMMENT ON COLUMN ingest_log.status IS 'loaded (new, changed or re-anchored), unchanged (skipped), rejected, or forgotten (removed by timeline forget).';
