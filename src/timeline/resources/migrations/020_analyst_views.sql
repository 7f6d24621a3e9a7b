-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- Views an analyst starts from, built on the events and articles tables (not on the timeline view, which
-- later migrations may replace), and a catalogue of every column with its comment. Each statement can run
-- again without harm (CREATE OR REPLACE, COMMENT ON).

CREATE OR REPLACE VIEW events_by_actor AS
SELECT
    u.actor,
    e.value AS date,
    e.granularity,
    e.date_start,
    e.date_end,
    e.status,
    e.description AS event,
    e.trigger,
    e.place,
    e.time_text,
    a.title AS article,
    a.published,
    e.event_id,
    e.article_id
FROM events e
JOIN articles a USING (article_id),
unnest(e.actors) AS u(actor)
ORDER BY u.actor, e.date_start NULLS LAST, e.value, a.source, e.sentence_start, e.trigger_start;
COMMENT ON VIEW events_by_actor IS 'One row per actor of each event (an event with three actors has three rows): filter by actor here.';
COMMENT ON COLUMN events_by_actor.actor IS 'One actor of the event: a person, organisation or country as named in the article (aliases merged).';
COMMENT ON COLUMN events_by_actor.date IS 'Normalised date of the event: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY ...';
COMMENT ON COLUMN events_by_actor.granularity IS 'Precision of the date: day, week, month, quarter, season, year, decade, time.';
COMMENT ON COLUMN events_by_actor.date_start IS 'First day the date covers (sortable).';
COMMENT ON COLUMN events_by_actor.date_end IS 'Last day the date covers.';
COMMENT ON COLUMN events_by_actor.status IS 'occurred, planned, reported, negated or hypothetical.';
COMMENT ON COLUMN events_by_actor.event IS 'What happened, as a phrase from the article.';
COMMENT ON COLUMN events_by_actor.trigger IS 'Lemma of the word that names the event (visit, call, vote, follow).';
COMMENT ON COLUMN events_by_actor.place IS 'Where it happened, if the sentence says.';
COMMENT ON COLUMN events_by_actor.time_text IS 'The time expression as written (Thursday, this week).';
COMMENT ON COLUMN events_by_actor.article IS 'Title of the article the event comes from.';
COMMENT ON COLUMN events_by_actor.published IS 'Publication date of that article.';
COMMENT ON COLUMN events_by_actor.event_id IS 'Key of the event in the events table: join on it, or self-join to find co-actors.';
COMMENT ON COLUMN events_by_actor.article_id IS 'The article it comes from (articles.article_id).';

CREATE OR REPLACE VIEW actors AS
SELECT
    actor,
    count(DISTINCT event_id) AS events,
    count(DISTINCT article_id) AS articles,
    count(DISTINCT event_id) FILTER (WHERE status = 'occurred') AS occurred,
    count(DISTINCT event_id) FILTER (WHERE status = 'planned') AS planned,
    min(date_start) AS first_date,
    max(coalesce(date_end, date_start)) AS last_date
FROM events_by_actor
GROUP BY actor
ORDER BY events DESC, actor;
COMMENT ON VIEW actors IS 'One row per actor: how many events and articles name it, and the dates they span.';
COMMENT ON COLUMN actors.actor IS 'The actor as named in events.actors (aliases merged).';
COMMENT ON COLUMN actors.events IS 'Events that name the actor.';
COMMENT ON COLUMN actors.articles IS 'Articles with at least one such event.';
COMMENT ON COLUMN actors.occurred IS 'Of those events, how many occurred.';
COMMENT ON COLUMN actors.planned IS 'Of those events, how many are planned.';
COMMENT ON COLUMN actors.first_date IS 'Earliest first day of those events.';
COMMENT ON COLUMN actors.last_date IS 'Latest last day of those events.';

CREATE OR REPLACE VIEW events_by_day AS
SELECT
    e.date_start AS day,
    count(*) AS events,
    count(*) FILTER (WHERE e.granularity = 'day') AS day_precise,
    count(*) FILTER (WHERE e.status = 'occurred') AS occurred,
    count(*) FILTER (WHERE e.status = 'planned') AS planned,
    count(*) FILTER (WHERE e.status = 'reported') AS reported,
    count(*) FILTER (WHERE e.status = 'negated') AS negated,
    count(*) FILTER (WHERE e.status = 'hypothetical') AS hypothetical,
    count(DISTINCT e.article_id) AS articles
FROM events e
WHERE e.date_start IS NOT NULL
GROUP BY e.date_start
ORDER BY day;
COMMENT ON VIEW events_by_day IS 'Event counts per day: each event counts on the first day of its date (a week on its Monday).';
COMMENT ON COLUMN events_by_day.day IS 'First day of the event dates counted in this row.';
COMMENT ON COLUMN events_by_day.events IS 'Events whose date starts on this day, whatever its precision.';
COMMENT ON COLUMN events_by_day.day_precise IS 'Of those, events dated to this very day (granularity day).';
COMMENT ON COLUMN events_by_day.occurred IS 'Of those, events that occurred.';
COMMENT ON COLUMN events_by_day.planned IS 'Of those, events planned.';
COMMENT ON COLUMN events_by_day.reported IS 'Of those, events only reported (claimed, said).';
COMMENT ON COLUMN events_by_day.negated IS 'Of those, events said not to have happened.';
COMMENT ON COLUMN events_by_day.hypothetical IS 'Of those, events that might happen.';
COMMENT ON COLUMN events_by_day.articles IS 'Articles these events come from.';

CREATE OR REPLACE VIEW schema_doc AS
SELECT c.table_name, c.column_index AS position, c.column_name, c.data_type, c.comment
FROM duckdb_columns() c
WHERE c.database_name = current_database() AND c.schema_name = 'main' AND c.table_name <> 'schema_doc'
ORDER BY c.table_name, c.column_index;
COMMENT ON VIEW schema_doc IS 'Every column of every table and view with its comment (DESCRIBE does not show comments).';
