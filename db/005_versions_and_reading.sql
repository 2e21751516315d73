-- Schema version 5: earlier versions of articles, what changed in their quotes, and the
-- reader's state (read, where they were, what they last saw).

-- The number of the article's current version (articles.text); earlier ones are in
-- article_versions.
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- When the user last opened it (NULL: unread), where the cursor was, and which version they saw.
ALTER TABLE articles ADD COLUMN read_at TEXT;
ALTER TABLE articles ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN seen_version INTEGER;

-- Every earlier version of an article, as it was: a re-fetch whose text or metadata changed
-- moves the current one here before it is replaced.
CREATE TABLE article_versions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    url TEXT,
    title TEXT,
    author TEXT,
    site TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    words INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, version)
);

-- What a new version did to the article's quotes: a quote whose words changed (old and new
-- text), one that vanished (old text only) or one that is new (new text only). start/end are
-- offsets into that version's text for the changed and new ones.
CREATE TABLE quote_changes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('changed', 'vanished', 'new')),
    old_text TEXT,
    new_text TEXT,
    start INTEGER,
    "end" INTEGER
);
CREATE INDEX quote_changes_article ON quote_changes(article_id, version);

-- The article version an annotation was coded on.
ALTER TABLE annotations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Small remembered choices of the app (the library's sort order).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
