-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- The timeline tables are kept in date order on disk, so that DuckDB's zone maps (the smallest and largest
-- value of each row group) let a date-range query skip the row groups of other dates. Rows are appended in
-- the order runs write them; timeline_layout counts those written out of date order since the tables were
-- last rewritten in date order, and the end of a run rewrites them when that share passes a threshold
-- (timeline.warehouse.keep_clustered; `timeline optimize` does it at once). The rows already there are
-- counted as out of order: the first run on a large warehouse rewrites it.
CREATE TABLE timeline_layout (
    rows_sorted   BIGINT NOT NULL,
    rows_unsorted BIGINT NOT NULL,
    newest        DATE,
    sorted_at     TIMESTAMP
);
INSERT INTO timeline_layout SELECT 0, count(*), max(published), NULL FROM timeline_entries;
COMMENT ON TABLE timeline_layout IS 'One row: how far the timeline tables are from date order on disk (timeline optimize rewrites them in date order).';
COMMENT ON COLUMN timeline_layout.rows_sorted IS 'Rows of timeline_entries when it was last rewritten in date order.';
COMMENT ON COLUMN timeline_layout.rows_unsorted IS 'Rows written since then with a date more than a month before the newest publication date written before them.';
COMMENT ON COLUMN timeline_layout.newest IS 'Latest publication date of the rows written so far.';
COMMENT ON COLUMN timeline_layout.sorted_at IS 'When the timeline tables were last rewritten in date order (NULL: never).';
