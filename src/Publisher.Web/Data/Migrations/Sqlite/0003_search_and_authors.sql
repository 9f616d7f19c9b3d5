-- French full-text search, and what author pages show.

ALTER TABLE authors ADD COLUMN bio TEXT;

-- The body's text without markup, for search snippets (filled at save time).
ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT '';

-- One row per article (rowid = articles.id), holding the words in their search form: folded, lower
-- case, plurals reduced (Publisher.Core.Search.SearchText). Written by the store in the same
-- transaction as the article; SearchIndex rebuilds it (empty after this migration).
CREATE VIRTUAL TABLE article_search USING fts5 (
    title, standfirst, body, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- An author's page lists their published articles, newest first, from this index.
CREATE INDEX ix_articles_author_listed ON articles (author_id, published_at)
    WHERE status IN ('published', 'scheduled');
