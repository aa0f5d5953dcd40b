-- Dossier schema version 7 for PostgreSQL (as the SQLite migration of the same number): the
-- near-duplicate LSH index in the store. Each canonical article's MinHash signature has one key per LSH band (dossier/resolve/dedup.py band_keys), so an ingest
-- looks up the few stored articles that share a band with a new one instead of reading every
-- signature; source_key (the source as syndicated copies name it) finds the original of a copy.
-- Signatures stored before this version get their bands and key on the next ingest
-- (SignatureIndexSQL._index_old_signatures: they are the rows whose source_key is NULL).

ALTER TABLE signatures ADD COLUMN source_key TEXT;
CREATE INDEX signatures_source ON signatures(source_key);

CREATE TABLE signature_bands (
    band_key   BIGINT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
);
CREATE INDEX signature_bands_article ON signature_bands(article_id);

-- Resolution reads the keys of each node it gathers with the node (entity_index.KEYS_OF_NODE):
-- index them by node. The index by article alone, which this one's prefix serves, goes.
DROP INDEX resolution_keys_article;
CREATE INDEX resolution_keys_node ON resolution_keys(article_id, local_id, key);
