-- article_tags.published_at now reads NULL for a deleted article as for a draft, so that a tag's list can
-- count off the articles before its page on that table's index alone (ArticleListQueries.ByTagSql):
-- the last page of a tag carried by 38,000 articles took 95 ms, reading every skipped article's row.

UPDATE article_tags SET published_at = NULL
WHERE article_id IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL);
