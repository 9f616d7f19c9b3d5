-- Preview links: a shareable address that shows a draft or scheduled article as readers will see it, to
-- whoever holds it, until it expires or is revoked. Only a hash of the link's random token is kept, so the
-- table alone gives no usable address. The links of a deleted article stop working (the preview page checks).

CREATE TABLE preview_links (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE INDEX ix_preview_links_article ON preview_links (article_id);
