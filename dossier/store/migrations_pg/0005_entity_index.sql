-- Dossier schema version 5 for PostgreSQL (as the SQLite migration of the same number): indexed entity look-ups and the index of incremental
-- cross-document resolution.
--
-- entity_mentions / quote_speakers are derived from the mentions and quotes layers and
-- rewritten with them (dossier/store/ledger_rows.py), so `dossier entity NAME` reads the
-- rows of one entity instead of decoding the whole mentions layer. entity_names holds the
-- compact key of every canonical name and alias (written by upsert_entities).
--
-- resolution_* is the persistent name-key index of dossier/resolve/incremental.py: each
-- article's resolution nodes (its local entities, with the canonical entity they joined),
-- the keys through which any resolution rule can relate two nodes, and per article the
-- local entity ids its layers referred to before resolution rewrote them.

CREATE TABLE entity_mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity     TEXT NOT NULL,
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity)
);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity);

CREATE TABLE quote_speakers (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,   -- position in the article's quotes layer
    speaker_entity TEXT NOT NULL,
    data           TEXT NOT NULL,      -- JSON of the Quote dataclass
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quote_speakers_entity ON quote_speakers(speaker_entity);

CREATE TABLE entity_names (
    key       TEXT NOT NULL,            -- compact_key of the name
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     INTEGER NOT NULL,         -- 0: the canonical name, 1: an alias
    PRIMARY KEY (key, entity_id, alias)
);
CREATE INDEX entity_names_entity ON entity_names(entity_id);

CREATE TABLE resolution_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    refs       TEXT NOT NULL            -- JSON: the local entity ids the layers referred to
);

CREATE TABLE resolution_nodes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id   TEXT NOT NULL,
    entity_id  TEXT,                    -- canonical entity after the last resolution
    data       TEXT NOT NULL,           -- JSON of the node (names, roles, context, keys, ...)
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX resolution_nodes_entity ON resolution_nodes(entity_id);

CREATE TABLE resolution_keys (
    key        TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id   TEXT NOT NULL,
    PRIMARY KEY (key, article_id, local_id)
);
CREATE INDEX resolution_keys_article ON resolution_keys(article_id);

-- Rows for the articles stored before this version (entity_names is filled by the next
-- resolution run; the resolution index by the next `dossier resolve`).
INSERT INTO entity_mentions (article_id, entity, mentions)
SELECT article_id, data->>'entity', COUNT(*)
FROM annotations WHERE layer = 'mentions' AND data->>'entity' IS NOT NULL
GROUP BY article_id, data->>'entity';

INSERT INTO quote_speakers (article_id, idx, speaker_entity, data)
SELECT article_id, idx, speaker_entity, data FROM (
    SELECT article_id, (ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY seq) - 1)::int AS idx,
           data->>'speaker_entity' AS speaker_entity, COALESCE(data_exact, data::text) AS data
    FROM annotations WHERE layer = 'quotes') q WHERE speaker_entity IS NOT NULL;
