-- What « À lire aussi » filters and sorts its candidates on, readable without the article rows: these
-- partial indexes hold only articles readers may see, with every column the choice reads. They are
-- SQLite's, whose row layout was the reason (status, dates and deletion sit after the bodies there, and it
-- reads the columns a query names even when the index implies them). PostgreSQL keeps long bodies out of
-- line (TOAST), but the same indexes still let it answer from the index alone once vacuum has marked the
-- table's pages all-visible.

CREATE INDEX ix_articles_live ON articles (id, section_id, published_at, status, deleted_at)
    WHERE status IN ('published', 'scheduled') AND deleted_at IS NULL;

CREATE INDEX ix_articles_section_live ON articles (section_id, published_at, status, deleted_at)
    WHERE status IN ('published', 'scheduled') AND deleted_at IS NULL;
