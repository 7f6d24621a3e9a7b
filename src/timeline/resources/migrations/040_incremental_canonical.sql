-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- Canonical events are updated incrementally after each run (only those the run's articles touch), and a
-- canonical id is now a hash of its first mention in merge order (see timeline.events.merge).
COMMENT ON TABLE canonical_events IS 'One row per real-world event: the mentions of several articles merged (same date window, similar trigger, shared actors; every mention compatible with every other). Updated after every run for the articles it touched.';
COMMENT ON COLUMN canonical_events.canonical_id IS 'Hash of its first mention in merge order (most precise date first): stays when later mentions join or leave.';
