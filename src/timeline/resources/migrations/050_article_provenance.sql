-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- Where an article's publication date came from, where the sources disagree, and what its lead says
-- (byline, dateline, agency credit: timeline.sources.wire and timeline.sources.dates).
ALTER TABLE articles ADD COLUMN date_source VARCHAR;
ALTER TABLE articles ADD COLUMN date_conflict VARCHAR;
ALTER TABLE articles ADD COLUMN dateline_city VARCHAR;
ALTER TABLE articles ADD COLUMN dateline_date DATE;
ALTER TABLE articles ADD COLUMN agency VARCHAR;
ALTER TABLE articles ADD COLUMN byline VARCHAR;
ALTER TABLE articles ADD COLUMN date_evidence VARCHAR;
COMMENT ON COLUMN articles.date_source IS 'Which evidence gave the publication date: user (a sidecar, or timeline reanchor), front matter, record, feed, markup, url, sidecar default, page, dateline, text+dateline; none if no date (NULL: loaded before this was recorded).';
COMMENT ON COLUMN articles.date_conflict IS 'The evidence that disagrees with the date taken, e.g. markup 2020-06-07, dateline 2020-06-08 (the first one is the date taken). NULL if none.';
COMMENT ON COLUMN articles.dateline_city IS 'City of the dateline opening the story (TOKYO, April 30 (Reuters) - ...), as a name: Tokyo. NULL if none.';
COMMENT ON COLUMN articles.dateline_date IS 'Date of the dateline, its year taken nearest the publication date. Evidence about the publication date, never an event date.';
COMMENT ON COLUMN articles.agency IS 'News agency credited at the start of the story: Reuters, AP, AFP, dpa ... as written. NULL if none.';
COMMENT ON COLUMN articles.date_evidence IS 'Every date the input offered, as a JSON list of [source, date] pairs in the order read (e.g. [["markup", "2020-06-07"], ["page", "2020-06-07"]]): a re-anchoring weighs them again.';
COMMENT ON COLUMN articles.byline IS 'Authors named in the byline (By ... and ...), separated by semicolons. NULL if none.';
-- The clause's own statement of a plan is a modality of its own (timeline.events.status).
COMMENT ON COLUMN event_readings.modality IS 'What the clause says, whatever the date: negated, hypothetical, reported; or a plan it states: plan (will, is to, expected), schedule (a present tense: takes effect on Jan. 1), reported plan (planned to, said it would); empty: the date decides between planned and occurred.';
