-- What « À lire aussi » filters and sorts its candidates on, readable without the article rows. In the
-- table, status, dates and deletion sit after the bodies, so checking them on a long article walks its
-- overflow pages: these partial indexes hold only articles readers may see, with every column the choice
-- reads (status and deleted_at too: SQLite reads the columns a query names even when the index implies them).

CREATE INDEX ix_articles_live ON articles (id, section_id, published_at, status, deleted_at)
    WHERE status IN ('published', 'scheduled') AND deleted_at IS NULL;

CREATE INDEX ix_articles_section_live ON articles (section_id, published_at, status, deleted_at)
    WHERE status IN ('published', 'scheduled') AND deleted_at IS NULL;
