-- Dossier schema version 2 for PostgreSQL: the article-local entity list, and
-- indexes on the columns the query commands filter on.

ALTER TABLE articles ADD COLUMN entities JSONB NOT NULL DEFAULT '[]';
CREATE INDEX articles_published ON articles(published);
CREATE INDEX entities_name ON entities(name);
