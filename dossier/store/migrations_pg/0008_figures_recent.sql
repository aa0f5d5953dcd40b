-- Dossier schema version 8 for PostgreSQL (as the SQLite migration of the same number): each
-- figures row carries its article's publication date, indexed newest first with the subject.

ALTER TABLE figures ADD COLUMN published TEXT;
UPDATE figures f SET published = a.published FROM articles a WHERE a.id = f.article_id;
CREATE INDEX figures_subject_recent ON figures(subject_entity, published DESC NULLS LAST, article_id DESC, idx);
