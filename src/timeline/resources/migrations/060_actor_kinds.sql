-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- What an entity is (person, organisation, product, place, index) kept beside each actor of an event and
-- of an event reading (parallel to actors), and shown by events_by_actor and actors (timeline.events.actors).
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_kinds VARCHAR[];
ALTER TABLE event_readings ADD COLUMN IF NOT EXISTS actor_kinds VARCHAR[];
COMMENT ON COLUMN events.actor_kinds IS 'What each actor is, in the order of actors: person, organisation, product, place or index.';
COMMENT ON COLUMN event_readings.actor_kinds IS 'What each actor is, in the order of actors.';

CREATE OR REPLACE VIEW events_by_actor AS
SELECT
    u.actor,
    u.kind,
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
LATERAL (SELECT unnest(e.actors) AS actor, unnest(coalesce(e.actor_kinds, [])) AS kind) AS u
ORDER BY u.actor, e.date_start NULLS LAST, e.value, a.source, e.sentence_start, e.trigger_start;
COMMENT ON VIEW events_by_actor IS 'One row per actor of each event (an event with three actors has three rows): filter by actor here.';
COMMENT ON COLUMN events_by_actor.actor IS 'One actor of the event: a person, organisation or country as named in the article (aliases merged).';
COMMENT ON COLUMN events_by_actor.kind IS 'What the actor is: person, organisation, product, place or index (from the named-entity label; empty for events loaded before migration 060).';
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
    mode(kind) AS kind,
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
COMMENT ON COLUMN actors.kind IS 'What the actor is, as most of its events say: person, organisation, product, place or index.';
COMMENT ON COLUMN actors.events IS 'Events that name the actor.';
COMMENT ON COLUMN actors.articles IS 'Articles with at least one such event.';
COMMENT ON COLUMN actors.occurred IS 'Of those events, how many occurred.';
COMMENT ON COLUMN actors.planned IS 'Of those events, how many are planned.';
COMMENT ON COLUMN actors.first_date IS 'Earliest first day of those events.';
COMMENT ON COLUMN actors.last_date IS 'Latest last day of those events.';

