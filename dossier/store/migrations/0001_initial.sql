-- Dossier schema version 1: articles, their analysis layers, corpus entities,
-- near-duplicate signatures and ingest failures.

CREATE TABLE articles (
    id              TEXT PRIMARY KEY,
    content_hash    TEXT NOT NULL UNIQUE,
    origin          TEXT NOT NULL DEFAULT '',
    source          TEXT,
    url             TEXT,
    title           TEXT,
    authors         TEXT NOT NULL DEFAULT '[]',   -- JSON list of names
    published       TEXT,                          -- ISO date or datetime
    syndicated_from TEXT,
    language        TEXT,
    encoding        TEXT,
    duplicate_of    TEXT,
    text            TEXT NOT NULL DEFAULT '',
    raw_text        TEXT NOT NULL DEFAULT '',
    offset_map      TEXT NOT NULL DEFAULT '[]',   -- JSON [[clean_start, raw_start, length], ...]
    removed         TEXT NOT NULL DEFAULT '[]',   -- JSON [{start, end, reason, text}]
    headings        TEXT NOT NULL DEFAULT '[]',   -- JSON [{start, end, text}]
    flags           TEXT NOT NULL DEFAULT '[]',   -- JSON list of objects
    extra           TEXT NOT NULL DEFAULT '{}',   -- JSON object
    ingested_at     TEXT NOT NULL
);

-- One table for all span layers; ``seq`` keeps the order the stage emitted.
CREATE TABLE annotations (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    layer      TEXT NOT NULL CHECK (layer IN ('mentions', 'quotes', 'times', 'figures', 'events')),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    data       TEXT NOT NULL                     -- JSON of the layer's dataclass
);
CREATE INDEX annotations_layer ON annotations(layer);
CREATE INDEX annotations_article ON annotations(article_id);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    aliases     TEXT NOT NULL DEFAULT '[]',      -- JSON list of strings
    external_id TEXT,
    roles       TEXT NOT NULL DEFAULT '[]',      -- JSON list of objects
    data        TEXT NOT NULL DEFAULT '{}'       -- JSON object for fields added later
);

CREATE TABLE signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    minhash    BLOB NOT NULL
);

CREATE TABLE failures (
    origin  TEXT PRIMARY KEY,
    reason  TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL
);
