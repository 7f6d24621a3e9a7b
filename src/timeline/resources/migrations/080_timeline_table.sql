-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- The timeline is a table the writer keeps, no longer a view that joins events, articles and the merged
-- events on every read: timeline_entries holds its rows (timeline.warehouse.TIMELINE_ROWS says what they
-- are; written for the events a load, a merge refresh or a forget touched, and filled for the events already
-- there when this migration is applied), timeline_actors the words of their actors (the actor filter of
-- export and plot). The timeline view reads timeline_entries: its columns and their meaning are unchanged.
CREATE TABLE timeline_entries (
    date           VARCHAR,
    granularity    VARCHAR,
    status         VARCHAR,
    event          VARCHAR,
    actors         VARCHAR,
    place          VARCHAR,
    time_text      VARCHAR,
    sentence       VARCHAR,
    article        VARCHAR,
    published      DATE,
    trigger        VARCHAR,
    date_start     DATE,
    date_end       DATE,
    confidence     DOUBLE,
    explanation    VARCHAR,
    source         VARCHAR,
    event_id       VARCHAR,
    article_id     VARCHAR,
    sources        INTEGER,
    canonical_id   VARCHAR,
    entry          UBIGINT,
    date_last      DATE,
    sentence_start INTEGER,
    trigger_start  INTEGER,
    actor_list     VARCHAR[]
);
COMMENT ON TABLE timeline_entries IS 'The rows of the timeline view, kept by every load, merge refresh and forget for the events they touch; unordered: read timeline.';
COMMENT ON COLUMN timeline_entries.entry IS 'Key of the row as a number (from event_id): joins timeline_actors.';
COMMENT ON COLUMN timeline_entries.date_last IS 'Last day the date covers, or its first when it has no end (what a date range filter compares).';
COMMENT ON COLUMN timeline_entries.sentence_start IS 'Offset of the sentence in articles.text (the timeline order after the date and source).';
COMMENT ON COLUMN timeline_entries.trigger_start IS 'Offset of the trigger word in articles.text (the timeline order after the sentence).';
COMMENT ON COLUMN timeline_entries.actor_list IS 'The actors as a list (actors joins them with "; ").';

CREATE TABLE timeline_actors (
    entry      UBIGINT,
    article_id VARCHAR,
    actor      VARCHAR,
    word       VARCHAR,
    date_start DATE,
    date_last  DATE
);
COMMENT ON TABLE timeline_actors IS 'One row per word of each actor of each timeline row: the actor filter (timeline export --actor) looks up a word here instead of splitting every name.';
COMMENT ON COLUMN timeline_actors.entry IS 'The timeline row (timeline_entries.entry).';
COMMENT ON COLUMN timeline_actors.article_id IS 'The article of that row (articles.article_id).';
COMMENT ON COLUMN timeline_actors.actor IS 'One actor of the row, as named in timeline.actors.';
COMMENT ON COLUMN timeline_actors.word IS 'One lower-case word (letters and digits) of the actor''s name; NULL for a name without any.';
COMMENT ON COLUMN timeline_actors.date_start IS 'First day of the row''s date (timeline_entries.date_start).';
COMMENT ON COLUMN timeline_actors.date_last IS 'Last day of the row''s date (timeline_entries.date_last).';

CREATE OR REPLACE VIEW timeline AS
SELECT date, granularity, status, event, actors, place, time_text, sentence, article, published, trigger, date_start,
    date_end, confidence, explanation, source, event_id, article_id, sources, canonical_id
FROM timeline_entries
ORDER BY date_start NULLS LAST, date, source, sentence_start, trigger_start;
COMMENT ON VIEW timeline IS 'One row per event, in date order; an event several articles report is shown once, with the number of sources: start here.';
-- The view was replaced: its column comments are set again, and given to the table's same columns.
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
COMMENT ON COLUMN timeline.sources IS 'How many articles report this event (merged across articles).';
COMMENT ON COLUMN timeline.canonical_id IS 'Key of the merged event (canonical_events.canonical_id).';
COMMENT ON COLUMN timeline_entries.date IS 'Normalised date of the event: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY ...';
COMMENT ON COLUMN timeline_entries.granularity IS 'Precision of the date: day, week, month, quarter, season, year, decade, time.';
COMMENT ON COLUMN timeline_entries.status IS 'occurred, planned, reported, negated or hypothetical.';
COMMENT ON COLUMN timeline_entries.event IS 'What happened, as a phrase from the article.';
COMMENT ON COLUMN timeline_entries.actors IS 'Who took part, separated by "; " (one row per actor in events_by_actor).';
COMMENT ON COLUMN timeline_entries.place IS 'Where it happened, if the sentence says.';
COMMENT ON COLUMN timeline_entries.time_text IS 'The time expression as written.';
COMMENT ON COLUMN timeline_entries.sentence IS 'The sentence it was found in (the evidence).';
COMMENT ON COLUMN timeline_entries.article IS 'Title of the article.';
COMMENT ON COLUMN timeline_entries.published IS 'Publication date of the article: the anchor of relative dates.';
COMMENT ON COLUMN timeline_entries.trigger IS 'Lemma of the word that names the event.';
COMMENT ON COLUMN timeline_entries.date_start IS 'First day the date covers (sortable).';
COMMENT ON COLUMN timeline_entries.date_end IS 'Last day the date covers.';
COMMENT ON COLUMN timeline_entries.confidence IS 'How sure the date attachment is, from 0 to 1.';
COMMENT ON COLUMN timeline_entries.explanation IS 'Why this date and this status, in one line.';
COMMENT ON COLUMN timeline_entries.source IS 'Where the article came from: path, path#entry or URL.';
COMMENT ON COLUMN timeline_entries.event_id IS 'Key of the event (events.event_id).';
COMMENT ON COLUMN timeline_entries.article_id IS 'Key of the article (articles.article_id).';
COMMENT ON COLUMN timeline_entries.sources IS 'How many articles report this event (merged across articles).';
COMMENT ON COLUMN timeline_entries.canonical_id IS 'Key of the merged event (canonical_events.canonical_id).';
