-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- events_by_day counts events dated to a day only (a year-level event used to count on 1 January, a
-- month on its first day). CREATE OR REPLACE VIEW drops the comments: they are all given again.
CREATE OR REPLACE VIEW events_by_day AS
SELECT
    e.date_start AS day,
    'day' AS granularity,
    count(*) AS events,
    count(*) AS day_precise,
    count(*) FILTER (WHERE e.status = 'occurred') AS occurred,
    count(*) FILTER (WHERE e.status = 'planned') AS planned,
    count(*) FILTER (WHERE e.status = 'reported') AS reported,
    count(*) FILTER (WHERE e.status = 'negated') AS negated,
    count(*) FILTER (WHERE e.status = 'hypothetical') AS hypothetical,
    count(DISTINCT e.article_id) AS articles
FROM events e
WHERE e.date_start IS NOT NULL AND e.granularity = 'day'
GROUP BY e.date_start
ORDER BY day;
COMMENT ON VIEW events_by_day IS 'Event counts per day, of the events dated to a day only: a week, month or year is not counted on its first day (see the timeline view for those).';
COMMENT ON COLUMN events_by_day.day IS 'The day.';
COMMENT ON COLUMN events_by_day.granularity IS 'Always day: only events dated to a day are counted here.';
COMMENT ON COLUMN events_by_day.events IS 'Events dated to this day (granularity day).';
COMMENT ON COLUMN events_by_day.day_precise IS 'The same as events (kept for queries written when coarser dates counted too).';
COMMENT ON COLUMN events_by_day.occurred IS 'Of those, events that occurred.';
COMMENT ON COLUMN events_by_day.planned IS 'Of those, events planned.';
COMMENT ON COLUMN events_by_day.reported IS 'Of those, events only reported (claimed, said).';
COMMENT ON COLUMN events_by_day.negated IS 'Of those, events said not to have happened.';
COMMENT ON COLUMN events_by_day.hypothetical IS 'Of those, events that might happen.';
COMMENT ON COLUMN events_by_day.articles IS 'Articles these events come from.';
