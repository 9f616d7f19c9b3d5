-- Sign-in attempts per client address (an IPv6 /64 is one client) and per minute, counted for the whole
-- site, so that several nodes behind a load balancer allow a client Admin:SignInAttemptsPerMinute attempts
-- between them, not that many each. Each attempt deletes the minutes before its own.

CREATE TABLE sign_in_attempts (
    window_started_at TEXT NOT NULL,
    client TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    PRIMARY KEY (window_started_at, client)
);
