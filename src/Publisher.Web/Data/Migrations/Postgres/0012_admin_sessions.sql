-- Sessions of the admin area, checked on every request that carries the sign-in cookie: signing out,
-- signing out everywhere, a role or password change end them (revoked_at), and none is accepted past
-- expires_at however often it is used. Only a hash of the session's random id is kept, so the table alone
-- gives no usable session. Rows go once their cookie can no longer be valid.

CREATE TABLE admin_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE INDEX ix_admin_sessions_user ON admin_sessions (user_id);
