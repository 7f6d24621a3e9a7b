-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- A publication date that rests on a date in the page's text alone is loaded, flagged (timeline.sources.dates).
ALTER TABLE articles ADD COLUMN date_low_confidence BOOLEAN;
COMMENT ON COLUMN articles.date_low_confidence IS 'True when the publication date rests on a date found only in the page''s text (date_source text: the only date the page gives, contradicted by nothing); false for every other date; NULL when there is no date or it was loaded before this was recorded.';
COMMENT ON COLUMN articles.date_source IS 'Which evidence gave the publication date: user (a sidecar, or timeline reanchor), front matter, record, feed, url, markup, sidecar default, page, dateline, text+dateline, text+url, text (low confidence: date_low_confidence); none if no date (NULL: loaded before this was recorded).';
