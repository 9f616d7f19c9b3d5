-- When published content last changed, whichever process changed it (the site, an import run beside
-- it): the Last-Modified of every page. One row, written in every write transaction. Its id is always 1,
-- so it is not an identity.

CREATE TABLE site_state (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    content_changed_at TEXT NOT NULL
);

INSERT INTO site_state (id, content_changed_at) VALUES (1, '1970-01-01T00:00:00Z');
