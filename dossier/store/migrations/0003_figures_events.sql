-- Dossier schema version 3: the figure ledger and the events, one row per figure and per
-- event (and per event participant), indexed for the questions the ledger, the conflict
-- check and the timeline ask: by subject entity / attribute / period, by event type and
-- time, by participant entity. The rows are derived from the ``figures`` and ``events``
-- layers (see dossier/store/ledger_rows.py) and rewritten with them by add_articles and
-- update_layers, so a resolution run that changes canonical ids rewrites them too.

CREATE TABLE figures (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,   -- position in the article's figures layer
    figure_id      TEXT,               -- the layer's own id, where it has one
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    kind           TEXT,
    value          REAL,
    value_max      REAL,
    unit           TEXT,
    approx         TEXT,
    subject        TEXT,
    subject_entity TEXT,               -- canonical entity id (resolved by name where needed)
    attribute      TEXT,
    as_of          TEXT,               -- TIMEX value of the period the figure holds for
    source         TEXT,
    data           TEXT NOT NULL,      -- JSON of the Figure dataclass
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX figures_subject ON figures(subject_entity, attribute, as_of);
CREATE INDEX figures_attribute ON figures(attribute, as_of);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,       -- position in the article's events layer
    event_id   TEXT,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    type       TEXT NOT NULL,
    time       TEXT,
    modality   TEXT,
    data       TEXT NOT NULL,          -- JSON of the Event dataclass
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

-- Rows for the articles stored before this version (names are resolved to entity ids
-- at the next write of the article's layers, e.g. the next resolution run).
INSERT INTO figures (article_id, idx, figure_id, start, "end", kind, value, value_max, unit, approx,
                     subject, subject_entity, attribute, as_of, source, data)
SELECT article_id, ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY seq) - 1,
       json_extract(data, '$.id'), start, "end", json_extract(data, '$.kind'),
       json_extract(data, '$.value'), json_extract(data, '$.value_max'), json_extract(data, '$.unit'),
       json_extract(data, '$.approx'), json_extract(data, '$.subject'),
       json_extract(data, '$.subject_entity'), json_extract(data, '$.attribute'),
       json_extract(data, '$.as_of'), json_extract(data, '$.source'), data
FROM annotations WHERE layer = 'figures';

INSERT INTO events (article_id, idx, event_id, start, "end", type, time, modality, data)
SELECT article_id, ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY seq) - 1,
       json_extract(data, '$.id'), start, "end", COALESCE(json_extract(data, '$.type'), ''),
       json_extract(data, '$.time'), json_extract(data, '$.modality'), data
FROM annotations WHERE layer = 'events';

INSERT INTO event_participants (article_id, event_idx, role, entity, name)
SELECT e.article_id, e.idx, json_extract(p.value, '$.role'), json_extract(p.value, '$.entity'),
       json_extract(p.value, '$.name')
FROM events e, json_each(e.data, '$.participants') p;
