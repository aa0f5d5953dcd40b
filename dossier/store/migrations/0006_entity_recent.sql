-- Dossier schema version 6: each entity_mentions row carries its article's publication date,
-- indexed with the entity, so "the latest N articles of an entity" (dossier entity NAME) reads
-- N index entries instead of sorting every article of a big entity (the index covers the
-- mention counts too, so an entity's totals are read from it alone).

ALTER TABLE entity_mentions ADD COLUMN published TEXT;
UPDATE entity_mentions SET published = (SELECT a.published FROM articles a WHERE a.id = entity_mentions.article_id);
CREATE INDEX entity_mentions_recent ON entity_mentions(entity, published, article_id, mentions);
