-- format: one migration, applied once in file-name order and recorded in schema_migrations
CREATE TABLE articles (
    article_id   VARCHAR PRIMARY KEY,
    source       VARCHAR NOT NULL,
    title        VARCHAR,
    url          VARCHAR,
    published    DATE,
    content_hash VARCHAR NOT NULL,
    text         VARCHAR NOT NULL,
    run_id       VARCHAR,
    loaded_at    TIMESTAMP NOT NULL
);
COMMENT ON TABLE articles IS 'One row per article loaded; article_id is a hash of its source (path or URL).';
COMMENT ON COLUMN articles.source IS 'Where the article came from: absolute path, path#entry, or URL.';
COMMENT ON COLUMN articles.published IS 'Publication date from the metadata; the anchor of relative dates. NULL if unknown.';
COMMENT ON COLUMN articles.content_hash IS 'SHA-256 of the text; a changed hash means the article changed.';

CREATE TABLE time_expressions (
    timex_id       VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    type           VARCHAR NOT NULL,
    value          VARCHAR,
    granularity    VARCHAR,
    range_start    DATE,
    range_end      DATE,
    anchor         DATE,
    spec           VARCHAR NOT NULL,
    sentence_index INTEGER,
    rule           VARCHAR,
    explanation    VARCHAR
);
COMMENT ON TABLE time_expressions IS 'Every time expression found, with its underspecified form (spec) and its resolution.';
COMMENT ON COLUMN time_expressions.type IS 'TIMEX3 type: DATE, TIME, DURATION or SET.';
COMMENT ON COLUMN time_expressions.value IS 'TIMEX3 value: 2025-02-24, 2025-W09, 2025-02, P3D, PRESENT_REF; NULL if unresolved.';
COMMENT ON COLUMN time_expressions.spec IS 'Underspecified form as JSON (e.g. weekday 4, direction future): re-anchored without re-parsing.';
COMMENT ON COLUMN time_expressions.anchor IS 'The date it was resolved against (the publication date).';

CREATE TABLE events (
    event_id       VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    timex_id       VARCHAR NOT NULL,
    trigger        VARCHAR NOT NULL,
    trigger_start  INTEGER,
    trigger_end    INTEGER,
    description    VARCHAR,
    actors         VARCHAR[],
    place          VARCHAR,
    status         VARCHAR NOT NULL,
    value          VARCHAR NOT NULL,
    granularity    VARCHAR,
    date_start     DATE,
    date_end       DATE,
    time_text      VARCHAR,
    sentence       VARCHAR,
    sentence_start INTEGER,
    sentence_end   INTEGER,
    confidence     DOUBLE,
    explanation    VARCHAR
);
COMMENT ON TABLE events IS 'One row per dated event mention: what happened, who, where, when, status and evidence.';
COMMENT ON COLUMN events.trigger IS 'Lemma of the word that names the event (visit, call, vote, follow).';
COMMENT ON COLUMN events.status IS 'occurred, planned, reported, negated or hypothetical.';
COMMENT ON COLUMN events.value IS 'Normalised date: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY ...';
COMMENT ON COLUMN events.granularity IS 'Precision of the date: day, week, month, quarter, season, year, decade, time.';
COMMENT ON COLUMN events.date_start IS 'First day the date covers (sortable).';
COMMENT ON COLUMN events.date_end IS 'Last day the date covers.';
COMMENT ON COLUMN events.explanation IS 'Why this date and this status, in one line.';

CREATE TABLE runs (
    run_id            VARCHAR PRIMARY KEY,
    flow_run_id       VARCHAR,
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    articles_loaded   INTEGER,
    articles_rejected INTEGER,
    events            INTEGER
);
COMMENT ON TABLE runs IS 'One row per pipeline run.';

CREATE TABLE ingest_log (
    run_id     VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    status     VARCHAR NOT NULL,
    reason     VARCHAR,
    article_id VARCHAR,
    logged_at  TIMESTAMP NOT NULL
);
COMMENT ON TABLE ingest_log IS 'Every input of every run, once: loaded or rejected (with the reason).';

CREATE VIEW timeline AS
SELECT
    e.value AS date,
    e.granularity,
    e.status,
    e.description AS event,
    array_to_string(e.actors, '; ') AS actors,
    e.place,
    e.time_text,
    e.sentence,
    a.title AS article,
    a.published,
    e.trigger,
    e.date_start,
    e.date_end,
    e.confidence,
    e.explanation,
    a.source,
    e.event_id,
    e.article_id
FROM events e
JOIN articles a USING (article_id)
ORDER BY e.date_start NULLS LAST, e.value, a.source, e.sentence_start, e.trigger_start;
COMMENT ON VIEW timeline IS 'One row per event, in date order: start here.';
