-- Corrections readers see at the end of an article: a « Rectificatif » (an error put right) or a
-- « Mise à jour » (news added), each with its reason and time. Only these move the article's update time.

CREATE TABLE article_corrections (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('rectificatif', 'mise-a-jour')),
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id)
);

CREATE INDEX ix_article_corrections_article ON article_corrections (article_id, created_at);
