-- Dossier schema version 4: the full-text search index (see dossier/search/).
--
-- One row in search_docs per searchable document (an article, or one of its quotes)
-- and the same rowid in search_fts, which holds the document's terms as Python
-- computed them: ``stems`` (Snowball German stems of folded words) for terms and
-- phrases, ``words`` (folded words) for prefix queries. The terms are letters and
-- digits separated by single spaces, so the plain ``ascii`` tokenizer reads each
-- term as one token. add_articles and update_layers keep both tables current.
--
-- A database from before this version gets no 'analyser' row: its index is empty and
-- `dossier search` / `dossier reindex` build it on first use.

CREATE TABLE search_docs (
    id             INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('article', 'quote')),
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    quote_index    INTEGER,
    speaker        TEXT,
    speaker_entity TEXT,
    speaker_key    TEXT
);
CREATE INDEX search_docs_article ON search_docs(article_id);
CREATE INDEX search_docs_speaker ON search_docs(speaker_entity);

CREATE VIRTUAL TABLE search_fts USING fts5(stems, words, tokenize = 'ascii');

-- Which canonical entities each article mentions (for search --entity).
CREATE TABLE search_entities (
    entity_id  TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, article_id)
) WITHOUT ROWID;
CREATE INDEX search_entities_article ON search_entities(article_id);

CREATE TABLE search_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO search_state (key, value) SELECT 'analyser', '' WHERE NOT EXISTS (SELECT 1 FROM articles);
