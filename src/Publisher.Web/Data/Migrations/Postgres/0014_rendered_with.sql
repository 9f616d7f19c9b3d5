-- Which version of the Markdown pipeline (ArticleMarkdown.Version) wrote each article's stored HTML. Rows
-- written before this migration have none: RenderStoredArticles renders them again once, after start, so
-- that a fix to the pipeline (raw HTML that hid the rest of the text) reaches articles nobody saves again.
ALTER TABLE articles ADD COLUMN rendered_with TEXT;
