-- Failed sign-ins, per e-mail address and client address together: too many from one place lock that
-- place out, not the account, so that nobody can keep an account's owner out by failing on purpose.
-- The rows for one e-mail address also add up to the account-wide slow-down. They are keyed by the
-- address typed, known or not, so that the slow-down does not tell which addresses have an account.
-- A row's recent failures count from window_started_at, and start again an hour later, so that one failure
-- now and then cannot keep the slow-down on for ever.
-- users.failed_sign_ins and users.locked_until are no longer used.

CREATE TABLE sign_in_failures (
    email TEXT NOT NULL,
    client TEXT NOT NULL,
    failures BIGINT NOT NULL,
    recent BIGINT NOT NULL,
    last_failed_at TEXT NOT NULL,
    window_started_at TEXT NOT NULL,
    locked_until TEXT,
    PRIMARY KEY (email, client)
);

CREATE INDEX ix_sign_in_failures_last_failed_at ON sign_in_failures (last_failed_at);

UPDATE users SET failed_sign_ins = 0, locked_until = NULL;
