-- The addresses an article had before its slug changed (answered with 301), and deletion as a mark
-- rather than a removal: a deleted article answers 410 Gone, and an editor can bring it back.

CREATE TABLE article_redirects (
    slug TEXT PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);

CREATE INDEX ix_article_redirects_article ON article_redirects (article_id);

ALTER TABLE articles ADD COLUMN deleted_at TEXT;
