-- Dossier schema version 4 for PostgreSQL: the full-text search index (see dossier/search/).
--
-- One row per searchable document (an article, or one of its quotes) with two
-- tsvector columns written by Python as tsvector literals: ``stems`` (Snowball German
-- stems of folded words; terms and phrases) and ``words`` (folded words; prefix
-- queries). Python computes the terms rather than to_tsvector('german', ...) because
-- the server's Snowball German is older than PyStemmer's (they disagree on ~3 % of
-- news word forms) and its parser splits words by the server locale: this way
-- PostgreSQL, SQLite and the in-memory store match exactly the same documents.
-- GIN indexes serve @@; ranking is ts_rank_cd.

CREATE TABLE search_docs (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('article', 'quote')),
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    quote_index    INTEGER,
    speaker        TEXT,
    speaker_entity TEXT,
    speaker_key    TEXT,
    stems          TSVECTOR NOT NULL,
    words          TSVECTOR NOT NULL
);
CREATE INDEX search_docs_article ON search_docs(article_id);
CREATE INDEX search_docs_speaker ON search_docs(speaker_entity);
CREATE INDEX search_docs_stems ON search_docs USING GIN (stems);
CREATE INDEX search_docs_words ON search_docs USING GIN (words);

CREATE TABLE search_entities (
    entity_id  TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, article_id)
);
CREATE INDEX search_entities_article ON search_entities(article_id);

CREATE TABLE search_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO search_state (key, value) SELECT 'analyser', '' WHERE NOT EXISTS (SELECT 1 FROM articles);
