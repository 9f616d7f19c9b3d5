-- Editing in the admin area: every save is a numbered revision (who, when, everything typed), and the
-- article carries its current number, so a save made from a stale copy is refused instead of lost.

ALTER TABLE articles ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN created_by BIGINT REFERENCES users (id);

CREATE TABLE article_revisions (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    revision BIGINT NOT NULL,
    saved_by BIGINT REFERENCES users (id),
    saved_at TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (article_id, revision)
);
