-- Dossier schema version 2: keep the article-local entity list (Article.entities)
-- next to the article, and index the columns the query commands filter on.

ALTER TABLE articles ADD COLUMN entities TEXT NOT NULL DEFAULT '[]';  -- JSON [{id, name, type, ...}]
CREATE INDEX articles_published ON articles(published);
CREATE INDEX entities_name ON entities(name);
