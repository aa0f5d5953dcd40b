-- Dossier schema version 6 for PostgreSQL (as the SQLite migration of the same number): each
-- entity_mentions row carries its article's publication date, indexed newest first.

ALTER TABLE entity_mentions ADD COLUMN published TEXT;
UPDATE entity_mentions m SET published = a.published FROM articles a WHERE a.id = m.article_id;
CREATE INDEX entity_mentions_recent ON entity_mentions(entity, published DESC NULLS LAST, article_id DESC) INCLUDE (mentions);
