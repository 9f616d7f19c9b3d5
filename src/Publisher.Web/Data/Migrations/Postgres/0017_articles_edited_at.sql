-- « Modifié » in the newsroom's list is the last time someone wrote the article (a save, a restore, an
-- import), which updated_at is not: that one is the « Mis à jour le » readers see, moved only by a
-- correction, and a scheduled article's is its future publication date. Filled for existing articles from
-- their latest revision, or their creation for an article never saved from the editor.

ALTER TABLE articles ADD COLUMN edited_at TEXT NOT NULL DEFAULT '';

UPDATE articles SET edited_at = COALESCE(
    (SELECT MAX(r.saved_at) FROM article_revisions r WHERE r.article_id = articles.id),
    created_at);

CREATE INDEX ix_articles_edited ON articles (edited_at, id);
