-- Dossier schema version 1 for PostgreSQL: the same tables as the SQLite
-- migration of the same number, with native types (JSONB, BYTEA, identity keys).
--
-- ``exact`` / ``data_exact`` hold, as JSON text, the few values PostgreSQL cannot
-- keep bit for bit (a NUL character, NaN/Infinity, floats in exponent form);
-- the typed columns then hold a close copy for queries (see dossier/store/postgres.py).

CREATE TABLE articles (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,  -- ingest order
    id              TEXT PRIMARY KEY,
    content_hash    TEXT NOT NULL UNIQUE,
    origin          TEXT NOT NULL DEFAULT '',
    source          TEXT,
    url             TEXT,
    title           TEXT,
    authors         JSONB NOT NULL DEFAULT '[]',
    published       TEXT,
    syndicated_from TEXT,
    language        TEXT,
    encoding        TEXT,
    duplicate_of    TEXT,
    text            TEXT NOT NULL DEFAULT '',
    raw_text        TEXT NOT NULL DEFAULT '',
    offset_map      JSONB NOT NULL DEFAULT '[]',
    removed         JSONB NOT NULL DEFAULT '[]',
    headings        JSONB NOT NULL DEFAULT '[]',
    flags           JSONB NOT NULL DEFAULT '[]',
    extra           JSONB NOT NULL DEFAULT '{}',
    exact           TEXT,
    ingested_at     TEXT NOT NULL
);

CREATE TABLE annotations (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    layer      TEXT NOT NULL CHECK (layer IN ('mentions', 'quotes', 'times', 'figures', 'events')),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    data       JSONB NOT NULL,
    data_exact TEXT
);
CREATE INDEX annotations_layer ON annotations(layer);
CREATE INDEX annotations_article ON annotations(article_id);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    aliases     JSONB NOT NULL DEFAULT '[]',
    external_id TEXT,
    roles       JSONB NOT NULL DEFAULT '[]',
    data        JSONB NOT NULL DEFAULT '{}',
    exact       TEXT
);

CREATE TABLE signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    minhash    BYTEA NOT NULL
);

CREATE TABLE failures (
    origin  TEXT PRIMARY KEY,
    reason  TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL
);
