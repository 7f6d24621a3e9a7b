-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- The merge's candidate index, stored: what each event can share with another it is the same event as
-- (timeline.events.merge.facets), so that an incremental refresh of the merged events looks up the stored
-- events a run's events can join by equality instead of splitting every stored event's actor names. Filled
-- for the events already there by timeline.warehouse when this migration is applied.
CREATE TABLE event_facets (
    event_id   VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    key        VARCHAR NOT NULL,
    facet      VARCHAR NOT NULL,
    lo         DATE,
    hi         DATE,
    value      VARCHAR
);
COMMENT ON TABLE event_facets IS 'One row per facet of each event (timeline.events.merge.facets): the index the incremental merge finds the stored events a new one can join with.';
COMMENT ON COLUMN event_facets.event_id IS 'The event (events.event_id).';
COMMENT ON COLUMN event_facets.article_id IS 'Its article (articles.article_id).';
COMMENT ON COLUMN event_facets.key IS 'Blocking key of its trigger: the event class of the lemma, or =lemma.';
COMMENT ON COLUMN event_facets.facet IS 'a:last word or acronym of an actor, p:place, or t:lemma of a day-level event.';
COMMENT ON COLUMN event_facets.lo IS 'First day of the event''s date (NULL: undated, matched on value).';
COMMENT ON COLUMN event_facets.hi IS 'Last day of the event''s date.';
COMMENT ON COLUMN event_facets.value IS 'The event''s normalised date value.';
