-- format: one migration, applied once in file-name order and recorded in schema_migrations
CREATE TABLE canonical_events (
    canonical_id            VARCHAR PRIMARY KEY,
    trigger                 VARCHAR NOT NULL,
    description             VARCHAR,
    actors                  VARCHAR[],
    place                   VARCHAR,
    status                  VARCHAR NOT NULL,
    value                   VARCHAR NOT NULL,
    granularity             VARCHAR,
    date_start              DATE,
    date_end                DATE,
    confidence              DOUBLE,
    representative_event_id VARCHAR NOT NULL,
    sources                 INTEGER NOT NULL,
    mentions                INTEGER NOT NULL,
    refreshed_at            TIMESTAMP NOT NULL
);
COMMENT ON TABLE canonical_events IS 'One row per real-world event: the mentions of several articles merged (same date window, similar trigger, shared actors). Recomputed after every run.';
COMMENT ON COLUMN canonical_events.canonical_id IS 'Hash of the ids of its mentions: changes when a mention is added or removed.';
COMMENT ON COLUMN canonical_events.description IS 'Description of its most confident mention.';
COMMENT ON COLUMN canonical_events.actors IS 'Union of the actors of its mentions, most mentioned first.';
COMMENT ON COLUMN canonical_events.status IS 'Most common status among its mentions (occurred wins a tie).';
COMMENT ON COLUMN canonical_events.value IS 'The most precise date among its mentions.';
COMMENT ON COLUMN canonical_events.representative_event_id IS 'The mention whose sentence and evidence the timeline shows.';
COMMENT ON COLUMN canonical_events.sources IS 'Number of distinct articles that report it.';
COMMENT ON COLUMN canonical_events.mentions IS 'Number of event mentions merged into it.';

CREATE TABLE event_mentions (
    event_id     VARCHAR PRIMARY KEY,
    canonical_id VARCHAR NOT NULL,
    article_id   VARCHAR NOT NULL
);
COMMENT ON TABLE event_mentions IS 'Which canonical event each event mention (events.event_id) belongs to.';

CREATE OR REPLACE VIEW timeline AS
SELECT
    COALESCE(c.value, e.value) AS date,
    COALESCE(c.granularity, e.granularity) AS granularity,
    COALESCE(c.status, e.status) AS status,
    COALESCE(c.description, e.description) AS event,
    array_to_string(COALESCE(c.actors, e.actors), '; ') AS actors,
    COALESCE(c.place, e.place) AS place,
    e.time_text,
    e.sentence,
    a.title AS article,
    a.published,
    COALESCE(c.trigger, e.trigger) AS trigger,
    COALESCE(c.date_start, e.date_start) AS date_start,
    COALESCE(c.date_end, e.date_end) AS date_end,
    COALESCE(c.confidence, e.confidence) AS confidence,
    e.explanation,
    a.source,
    e.event_id,
    e.article_id,
    COALESCE(c.sources, 1) AS sources,
    c.canonical_id
FROM events e
JOIN articles a USING (article_id)
LEFT JOIN event_mentions m USING (event_id)
LEFT JOIN canonical_events c ON c.canonical_id = m.canonical_id
WHERE c.canonical_id IS NULL OR c.representative_event_id = e.event_id
ORDER BY COALESCE(c.date_start, e.date_start) NULLS LAST, COALESCE(c.value, e.value), a.source, e.sentence_start,
    e.trigger_start;
COMMENT ON VIEW timeline IS 'One row per event, in date order; an event several articles report is shown once, with the number of sources: start here.';
-- The view was replaced: its column comments (first set in 021) are set again.
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
