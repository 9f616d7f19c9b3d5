-- Articles with their section, author and tags. Times are UTC ISO-8601 text ('2026-11-24T17:22:07Z'),
-- so that text order is time order.

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    standfirst TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    body_html TEXT NOT NULL,
    reading_minutes INTEGER NOT NULL,
    image_url TEXT,
    image_alt TEXT,
    image_caption TEXT,
    image_credit TEXT,
    image_width INTEGER,
    image_height INTEGER,
    section_id INTEGER NOT NULL REFERENCES sections (id),
    author_id INTEGER NOT NULL REFERENCES authors (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
    published_at TEXT,
    updated_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    source_hash TEXT,
    CHECK (status = 'draft' OR published_at IS NOT NULL),
    CHECK (image_url IS NULL OR image_alt IS NOT NULL)
);

-- Readers only see articles whose time has come; these partial indexes hold exactly those candidates,
-- in the order every list reads them, newest first by a backward scan (home page, sidebar, section pages).
CREATE INDEX ix_articles_listed ON articles (published_at)
    WHERE status IN ('published', 'scheduled');
CREATE INDEX ix_articles_section_listed ON articles (section_id, published_at)
    WHERE status IN ('published', 'scheduled');

-- published_at is copied here (NULL for drafts) so that a tag page reads its newest articles from the
-- index alone, however many articles carry the tag.
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id),
    published_at TEXT,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;

CREATE INDEX ix_article_tags_tag ON article_tags (tag_id, published_at, article_id);
