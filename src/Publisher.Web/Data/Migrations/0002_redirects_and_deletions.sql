-- The addresses an article had before its slug changed (answered with 301), and those of deleted
-- articles (answered with 410 Gone), so that links and search engines learn what happened.

CREATE TABLE article_redirects (
    slug TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX ix_article_redirects_article ON article_redirects (article_id);

CREATE TABLE deleted_articles (
    slug TEXT PRIMARY KEY,
    deleted_at TEXT NOT NULL
) WITHOUT ROWID;
