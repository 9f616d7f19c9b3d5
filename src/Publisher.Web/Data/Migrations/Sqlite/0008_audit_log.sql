-- Who created, published, unpublished, deleted and restored what, and when. Rows are only ever added.

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    action TEXT NOT NULL,
    article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    article_title TEXT NOT NULL
);

CREATE INDEX ix_audit_log_at ON audit_log (at);
