-- A list page far from the first (the home page's ?page=9000 in an archive of 100,000 articles) skips
-- every article before its own. Each skipped article was read from the table for its deletion mark,
-- which sits after the bodies: the home page's ?page=9000 took 0.3 s, and 10 s with the file out of
-- memory. The indexes the home, section and author lists are read from now hold every column those
-- lists check and join on, in the lists' order (publication time, then id), so that skipping reads the
-- index alone and only the page's own rows are read from the table: 14 ms and 0.08 s. Those times are
-- SQLite's; the same indexes serve PostgreSQL, which skips from the index alone (an index-only scan) once
-- vacuum has marked the table's pages all-visible, and checks the rows before that.

DROP INDEX ix_articles_listed;
DROP INDEX ix_articles_section_listed;
DROP INDEX ix_articles_author_listed;
DROP INDEX ix_articles_section_live;

CREATE INDEX ix_articles_live_latest ON articles (published_at, id, section_id, status, deleted_at)
    WHERE status IN ('published', 'scheduled') AND deleted_at IS NULL;

-- Also what « À lire aussi » reads a section's newest articles from (by name).
CREATE INDEX ix_articles_section_live ON articles (section_id, published_at, id, status, deleted_at)
    WHERE status IN ('published', 'scheduled') AND deleted_at IS NULL;

CREATE INDEX ix_articles_author_live ON articles (author_id, published_at, id, section_id, status, deleted_at)
    WHERE status IN ('published', 'scheduled') AND deleted_at IS NULL;
