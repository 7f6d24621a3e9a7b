-- format: one migration, applied once in file-name order and recorded in schema_migrations
ALTER TABLE runs ADD COLUMN inputs INTEGER;
ALTER TABLE runs ADD COLUMN articles_unchanged INTEGER;
ALTER TABLE runs ADD COLUMN articles_reanchored INTEGER;
ALTER TABLE runs ADD COLUMN seconds DOUBLE;
ALTER TABLE runs ADD COLUMN pid INTEGER;
COMMENT ON TABLE runs IS 'One row per pipeline run: when, how many inputs, what became of them. finished_at NULL: running or interrupted.';
COMMENT ON COLUMN runs.inputs IS 'Inputs of the run (files, or entries of many-article files); each has one ingest_log row.';
COMMENT ON COLUMN runs.articles_unchanged IS 'Articles skipped because their text and metadata were already loaded.';
COMMENT ON COLUMN runs.seconds IS 'How long the run took, in seconds.';
COMMENT ON COLUMN runs.pid IS 'Process id of the run (the one a second writer is told about).';
COMMENT ON COLUMN runs.articles_reanchored IS 'Articles whose metadata (e.g. publication date) changed: re-anchored without re-parsing.';
COMMENT ON TABLE ingest_log IS 'Every input of every run, exactly once: loaded, unchanged or rejected (with the reason).';
COMMENT ON COLUMN ingest_log.status IS 'loaded (new, changed or re-anchored), unchanged (skipped) or rejected.';
COMMENT ON COLUMN ingest_log.reason IS 'Why it was rejected; for a loaded article, a warning or what changed.';

CREATE TABLE anchor_overrides (
    article_id VARCHAR PRIMARY KEY,
    published  DATE NOT NULL,
    set_at     TIMESTAMP NOT NULL
);
COMMENT ON TABLE anchor_overrides IS 'Publication dates set by hand (timeline reanchor); later runs use them over the file''s metadata.';
COMMENT ON COLUMN anchor_overrides.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN anchor_overrides.published IS 'Its publication date as set by hand.';
COMMENT ON COLUMN anchor_overrides.set_at IS 'When it was set (UTC).';
