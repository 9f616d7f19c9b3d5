-- The keys ASP.NET Core's data protection signs and encrypts the sign-in cookie and the forms' anti-forgery
-- tokens with, one XML element per row as its key manager writes them (a key, or a revocation). Kept with
-- the data rather than in a folder of each machine, so that every node behind a load balancer uses the same
-- ring, and a backup or a copy-to carries them: a restart or a move signs nobody out. Rows are only added.

CREATE TABLE data_protection_keys (
    name TEXT PRIMARY KEY,
    xml TEXT NOT NULL,
    created_at TEXT NOT NULL
);
