-- format: one migration, applied once in file-name order and recorded in schema_migrations
-- Events are read from the parse once (no date involved) and resolved against the publication date; the
-- readings are stored so that re-anchoring resolves them again without parsing (timeline.events).
CREATE TABLE event_readings (
    article_id     VARCHAR NOT NULL,
    timex_id       VARCHAR NOT NULL,
    position       INTEGER NOT NULL,
    date_case      VARCHAR NOT NULL,
    trigger        VARCHAR NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    how            VARCHAR,
    direct         BOOLEAN NOT NULL,
    scoped         BOOLEAN NOT NULL,
    actors         VARCHAR[],
    place          VARCHAR,
    modality       VARCHAR NOT NULL,
    modality_why   VARCHAR,
    text           VARCHAR,
    agent          VARCHAR,
    verb           VARCHAR,
    obj            VARCHAR,
    time_text      VARCHAR,
    sentence       VARCHAR,
    sentence_start INTEGER,
    sentence_end   INTEGER,
    relation       VARCHAR,
    noun           VARCHAR,
    noun_start     INTEGER,
    noun_actors    VARCHAR[],
    PRIMARY KEY (article_id, position)
);
COMMENT ON TABLE event_readings IS 'Events as read from the parse, before any date (timeline.records.EventReading): re-anchoring an article resolves these again.';
COMMENT ON COLUMN event_readings.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN event_readings.timex_id IS 'The time expression that dates it (time_expressions.timex_id); empty for a relative reading.';
COMMENT ON COLUMN event_readings.position IS 'Order of the reading in its article: the order events are resolved in.';
COMMENT ON COLUMN event_readings.date_case IS 'Under which reading of the date the parse names this event: any, past (the date is not after publication) or not_past.';
COMMENT ON COLUMN event_readings.trigger IS 'Lemma of the word that names the event.';
COMMENT ON COLUMN event_readings.trigger_start IS 'Offset of the trigger word in articles.text.';
COMMENT ON COLUMN event_readings.trigger_end IS 'Offset just past the trigger word.';
COMMENT ON COLUMN event_readings.how IS 'How the trigger was found (the explanation''s "Event:" part).';
COMMENT ON COLUMN event_readings.direct IS 'The time modifies the event word itself (confidence 0.8, else 0.6).';
COMMENT ON COLUMN event_readings.scoped IS 'Shares the date of another event of its clause (confidence 0.4).';
COMMENT ON COLUMN event_readings.actors IS 'Who took part.';
COMMENT ON COLUMN event_readings.place IS 'Where it happened, if the sentence says.';
COMMENT ON COLUMN event_readings.modality IS 'negated, hypothetical or reported as the clause says; empty: the date decides between planned and occurred.';
COMMENT ON COLUMN event_readings.modality_why IS 'Why, in a few words.';
COMMENT ON COLUMN event_readings.text IS 'The description, when it is a phrase of the article.';
COMMENT ON COLUMN event_readings.agent IS 'Description as a clause: who (with verb and obj).';
COMMENT ON COLUMN event_readings.verb IS 'Description as a clause: the verb lemma, put in the form of the resolved status (visits, to visit).';
COMMENT ON COLUMN event_readings.obj IS 'Description as a clause: the object.';
COMMENT ON COLUMN event_readings.time_text IS 'The time words as written (for a relative reading, its phrase: after his meeting).';
COMMENT ON COLUMN event_readings.sentence IS 'The sentence it was found in.';
COMMENT ON COLUMN event_readings.sentence_start IS 'Offset of the sentence in articles.text.';
COMMENT ON COLUMN event_readings.sentence_end IS 'Offset just past the sentence.';
COMMENT ON COLUMN event_readings.relation IS 'after or during: dated by the earlier event the phrase refers to; empty otherwise.';
COMMENT ON COLUMN event_readings.noun IS 'A relative reading: the event noun that refers back (meeting).';
COMMENT ON COLUMN event_readings.noun_start IS 'A relative reading: offset of that noun.';
COMMENT ON COLUMN event_readings.noun_actors IS 'A relative reading: the actors the earlier event must share.';
