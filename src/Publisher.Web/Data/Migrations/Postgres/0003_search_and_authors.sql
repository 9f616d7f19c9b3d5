-- French full-text search, and what author pages show.

ALTER TABLE authors ADD COLUMN bio TEXT;

-- The body's text without markup, for search snippets (filled at save time).
ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT '';

-- One row per article, holding the words in their search form: folded, lower case, plurals reduced
-- (Publisher.Core.Search.SearchText), as one tsvector weighted by where they come from (title A, tags B,
-- standfirst C, body D), in place of SQLite's full-text virtual table. The 'simple' configuration leaves
-- the words as SearchText made them, so that both engines match the same words. Written by the store in
-- the same transaction as the article (deleting an article deletes its row); SearchIndex rebuilds it
-- (empty after this migration).
CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    document tsvector NOT NULL
);

CREATE INDEX ix_article_search_document ON article_search USING GIN (document);

-- An author's page lists their published articles, newest first, from this index.
CREATE INDEX ix_articles_author_listed ON articles (author_id, published_at)
    WHERE status IN ('published', 'scheduled');
