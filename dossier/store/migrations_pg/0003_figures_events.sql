-- Dossier schema version 3 for PostgreSQL: the figure ledger and the events, as in the
-- SQLite migration of the same number. ``data`` is the exact JSON text of the layer item
-- (TEXT, not JSONB, so NaN and exponent-form numbers come back as written); the typed
-- columns hold what the look-ups filter on (a NUL character as U+FFFD).

CREATE TABLE figures (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    figure_id      TEXT,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    kind           TEXT,
    value          DOUBLE PRECISION,
    value_max      DOUBLE PRECISION,
    unit           TEXT,
    approx         TEXT,
    subject        TEXT,
    subject_entity TEXT,
    attribute      TEXT,
    as_of          TEXT,
    source         TEXT,
    data           TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX figures_subject ON figures(subject_entity, attribute, as_of);
CREATE INDEX figures_attribute ON figures(attribute, as_of);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    event_id   TEXT,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    type       TEXT NOT NULL,
    time       TEXT,
    modality   TEXT,
    data       TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_type ON events(type, time);
CREATE INDEX events_time ON events(time);

CREATE TABLE event_participants (
    article_id TEXT NOT NULL,
    event_idx  INTEGER NOT NULL,
    role       TEXT,
    entity     TEXT,
    name       TEXT,
    FOREIGN KEY (article_id, event_idx) REFERENCES events(article_id, idx) ON DELETE CASCADE
);
CREATE INDEX event_participants_entity ON event_participants(entity);
CREATE INDEX event_participants_event ON event_participants(article_id, event_idx);

-- Rows for the articles stored before this version.
INSERT INTO figures (article_id, idx, figure_id, start, "end", kind, value, value_max, unit, approx,
                     subject, subject_entity, attribute, as_of, source, data)
SELECT article_id, (ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY seq) - 1)::int,
       data->>'id', start, "end", data->>'kind', (data->>'value')::double precision,
       (data->>'value_max')::double precision, data->>'unit', data->>'approx', data->>'subject',
       data->>'subject_entity', data->>'attribute', data->>'as_of', data->>'source',
       COALESCE(data_exact, data::text)
FROM annotations WHERE layer = 'figures';

INSERT INTO events (article_id, idx, event_id, start, "end", type, time, modality, data)
SELECT article_id, (ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY seq) - 1)::int,
       data->>'id', start, "end", COALESCE(data->>'type', ''), data->>'time', data->>'modality',
       COALESCE(data_exact, data::text)
FROM annotations WHERE layer = 'events';

INSERT INTO event_participants (article_id, event_idx, role, entity, name)
SELECT a.article_id, a.idx, p->>'role', p->>'entity', p->>'name'
FROM (SELECT article_id, data, (ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY seq) - 1)::int AS idx
      FROM annotations WHERE layer = 'events') a,
     jsonb_array_elements(COALESCE(a.data->'participants', '[]'::jsonb)) p;
