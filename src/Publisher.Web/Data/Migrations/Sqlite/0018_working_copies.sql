-- Each account's working copy of an article it is editing: the editor's fields as typed, saved every few
-- seconds while it types, so that nothing typed is lost to a closed tab, a crash or a restart. Not a
-- revision, and nothing readers see; the editor offers it back until a save or « Ignorer » deletes it.
-- One per account and article; article_id is NULL for the one new article the account has not saved yet.
-- base_revision is the revision the form was loaded at, kept when the copy is resumed, so that a save over
-- a colleague's newer one is refused as any stale save is. Copies untouched for a month are pruned.

CREATE TABLE working_copies (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    base_revision INTEGER NOT NULL,
    title TEXT NOT NULL,
    slug TEXT NOT NULL,
    standfirst TEXT NOT NULL,
    section TEXT NOT NULL,
    author TEXT NOT NULL,
    tags TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    publish_at_paris TEXT,
    image_url TEXT,
    image_alt TEXT NOT NULL,
    image_caption TEXT NOT NULL,
    image_credit TEXT NOT NULL,
    correction_kind TEXT NOT NULL,
    correction_reason TEXT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_working_copies_article ON working_copies (user_id, article_id) WHERE article_id IS NOT NULL;
CREATE UNIQUE INDEX ux_working_copies_new_article ON working_copies (user_id) WHERE article_id IS NULL;
CREATE INDEX ix_working_copies_article ON working_copies (article_id);
