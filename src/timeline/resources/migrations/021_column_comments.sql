-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- Comments on the columns 001 left undocumented, so that schema_doc explains every column a user sees.
-- (ingest_log.status and .reason are left to the migration that gives them their final meaning.)

COMMENT ON COLUMN articles.article_id IS 'Stable key of the article: a hash of its source, the same on every run.';
COMMENT ON COLUMN articles.title IS 'Title from the metadata (empty if none).';
COMMENT ON COLUMN articles.url IS 'URL from the metadata (empty if none).';
COMMENT ON COLUMN articles.text IS 'Full text as read, after decoding.';
COMMENT ON COLUMN articles.run_id IS 'The run that last loaded the article (see runs).';
COMMENT ON COLUMN articles.loaded_at IS 'When that run loaded it (UTC).';

COMMENT ON COLUMN time_expressions.timex_id IS 'Stable key: a hash of the article and the character span.';
COMMENT ON COLUMN time_expressions.article_id IS 'The article it was found in (articles.article_id).';
COMMENT ON COLUMN time_expressions.start_char IS 'Offset of its first character in articles.text.';
COMMENT ON COLUMN time_expressions.end_char IS 'Offset just past its last character in articles.text.';
COMMENT ON COLUMN time_expressions.text IS 'The expression as written (Thursday, this week, next month).';
COMMENT ON COLUMN time_expressions.granularity IS 'Precision of the value: day, week, month, quarter, season, year, decade, time, ref, duration, set.';
COMMENT ON COLUMN time_expressions.range_start IS 'First day the value covers.';
COMMENT ON COLUMN time_expressions.range_end IS 'Last day the value covers.';
COMMENT ON COLUMN time_expressions.sentence_index IS 'Index of the sentence it is in, counted from 0.';
COMMENT ON COLUMN time_expressions.rule IS 'Name of the rule in resources/temporal/rules.yaml that found it.';
COMMENT ON COLUMN time_expressions.explanation IS 'How the value was resolved, in one line.';

COMMENT ON COLUMN events.event_id IS 'Stable key: a hash of the article, the time expression and the trigger position.';
COMMENT ON COLUMN events.article_id IS 'The article it was found in (articles.article_id).';
COMMENT ON COLUMN events.timex_id IS 'The time expression that dates it (time_expressions.timex_id).';
COMMENT ON COLUMN events.trigger_start IS 'Offset of the trigger word in articles.text.';
COMMENT ON COLUMN events.trigger_end IS 'Offset just past the trigger word.';
COMMENT ON COLUMN events.description IS 'What happened, as a phrase from the article.';
COMMENT ON COLUMN events.actors IS 'Who took part: people, organisations, countries (aliases merged). Unnested in events_by_actor.';
COMMENT ON COLUMN events.place IS 'Where it happened, if the sentence says.';
COMMENT ON COLUMN events.time_text IS 'The time expression as written.';
COMMENT ON COLUMN events.sentence IS 'The sentence it was found in (the evidence).';
COMMENT ON COLUMN events.sentence_start IS 'Offset of the sentence in articles.text.';
COMMENT ON COLUMN events.sentence_end IS 'Offset just past the sentence.';
COMMENT ON COLUMN events.confidence IS 'How sure the date attachment is, from 0 to 1.';

COMMENT ON COLUMN runs.run_id IS 'Key of the run.';
COMMENT ON COLUMN runs.flow_run_id IS 'The Prefect flow run, when run through the flow.';
COMMENT ON COLUMN runs.started_at IS 'When the run started (UTC).';
COMMENT ON COLUMN runs.finished_at IS 'When it finished (UTC); NULL if it did not.';
COMMENT ON COLUMN runs.articles_loaded IS 'Articles loaded by the run.';
COMMENT ON COLUMN runs.articles_rejected IS 'Inputs refused by the run.';
COMMENT ON COLUMN runs.events IS 'Events of the articles it loaded.';

COMMENT ON COLUMN ingest_log.run_id IS 'The run (runs.run_id).';
COMMENT ON COLUMN ingest_log.source IS 'The input: path, path#entry or URL.';
COMMENT ON COLUMN ingest_log.article_id IS 'The article, when loaded.';
COMMENT ON COLUMN ingest_log.logged_at IS 'When it was logged (UTC).';

COMMENT ON TABLE schema_migrations IS 'One row per migration applied: its file name without .sql, and when.';
COMMENT ON COLUMN schema_migrations.version IS 'Migration file name without .sql (resources/migrations/).';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied (UTC).';

-- The timeline view as 001 made it. A later migration that replaces the view must comment it again
-- (CREATE OR REPLACE VIEW drops column comments).
COMMENT ON COLUMN timeline.date IS 'Normalised date of the event: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY ...';
COMMENT ON COLUMN timeline.granularity IS 'Precision of the date: day, week, month, quarter, season, year, decade, time.';
COMMENT ON COLUMN timeline.status IS 'occurred, planned, reported, negated or hypothetical.';
COMMENT ON COLUMN timeline.event IS 'What happened, as a phrase from the article.';
COMMENT ON COLUMN timeline.actors IS 'Who took part, separated by "; " (one row per actor in events_by_actor).';
COMMENT ON COLUMN timeline.place IS 'Where it happened, if the sentence says.';
COMMENT ON COLUMN timeline.time_text IS 'The time expression as written.';
COMMENT ON COLUMN timeline.sentence IS 'The sentence it was found in (the evidence).';
COMMENT ON COLUMN timeline.article IS 'Title of the article.';
COMMENT ON COLUMN timeline.published IS 'Publication date of the article: the anchor of relative dates.';
COMMENT ON COLUMN timeline.trigger IS 'Lemma of the word that names the event.';
COMMENT ON COLUMN timeline.date_start IS 'First day the date covers (sortable).';
COMMENT ON COLUMN timeline.date_end IS 'Last day the date covers.';
COMMENT ON COLUMN timeline.confidence IS 'How sure the date attachment is, from 0 to 1.';
COMMENT ON COLUMN timeline.explanation IS 'Why this date and this status, in one line.';
COMMENT ON COLUMN timeline.source IS 'Where the article came from: path, path#entry or URL.';
COMMENT ON COLUMN timeline.event_id IS 'Key of the event (events.event_id).';
COMMENT ON COLUMN timeline.article_id IS 'Key of the article (articles.article_id).';
