-- Dossier schema version 8: each figures row carries its article's publication date, indexed
-- with the subject entity, so "the figures of an entity's latest articles" (dossier entity NAME)
-- reads the first index entries instead of sorting every figure of a big entity (as migration 6
-- did for entity_mentions).

ALTER TABLE figures ADD COLUMN published TEXT;
UPDATE figures SET published = (SELECT a.published FROM articles a WHERE a.id = figures.article_id);
CREATE INDEX figures_subject_recent ON figures(subject_entity, published DESC, article_id DESC, idx);
