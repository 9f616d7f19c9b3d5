-- The image library: each picture once, with its own words (alt, caption, credit), so that a later use
-- without them never loses what was typed once; and which articles use which picture, in order (position 0
-- is the main image, then the images of the text), with the words each article gives it.

CREATE TABLE pictures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    width INTEGER,
    height INTEGER,
    alt TEXT,
    caption TEXT,
    credit TEXT,
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at TEXT NOT NULL
);

CREATE TABLE article_pictures (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    picture_id INTEGER NOT NULL REFERENCES pictures (id),
    caption TEXT,
    credit TEXT,
    PRIMARY KEY (article_id, position)
);

CREATE INDEX ix_article_pictures_picture ON article_pictures (picture_id);

-- Each main image already used, with the newest words any article gave it (a blank one is no word).
INSERT INTO pictures (url, width, height, alt, caption, credit, uploaded_by, uploaded_at)
SELECT u.image_url,
       (SELECT b.image_width FROM articles b WHERE b.image_url = u.image_url AND b.image_width IS NOT NULL
        ORDER BY b.updated_at DESC, b.id DESC LIMIT 1),
       (SELECT b.image_height FROM articles b WHERE b.image_url = u.image_url AND b.image_height IS NOT NULL
        ORDER BY b.updated_at DESC, b.id DESC LIMIT 1),
       (SELECT b.image_alt FROM articles b WHERE b.image_url = u.image_url AND TRIM(b.image_alt) <> ''
        ORDER BY b.updated_at DESC, b.id DESC LIMIT 1),
       (SELECT b.image_caption FROM articles b WHERE b.image_url = u.image_url AND TRIM(b.image_caption) <> ''
        ORDER BY b.updated_at DESC, b.id DESC LIMIT 1),
       (SELECT b.image_credit FROM articles b WHERE b.image_url = u.image_url AND TRIM(b.image_credit) <> ''
        ORDER BY b.updated_at DESC, b.id DESC LIMIT 1),
       (SELECT b.created_by FROM articles b WHERE b.image_url = u.image_url
        ORDER BY b.created_at, b.id LIMIT 1),
       u.first_used
FROM (SELECT image_url, MIN(created_at) AS first_used FROM articles WHERE image_url IS NOT NULL GROUP BY image_url) u;

INSERT INTO article_pictures (article_id, position, picture_id, caption, credit)
SELECT a.id, 0, p.id, a.image_caption, a.image_credit
FROM articles a JOIN pictures p ON p.url = a.image_url;
