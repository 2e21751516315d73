-- Schema version 1: articles, tags and annotations, with full-text search over articles.
-- Offsets (start, end) are Python string indices into articles.text.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,      -- the URL or file path the user added it from
    url TEXT,                         -- canonical URL
    title TEXT,
    author TEXT,
    site TEXT,
    published TEXT,                   -- ISO date
    language TEXT,
    text TEXT NOT NULL,
    words INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT NOT NULL,       -- tells "updated" from "unchanged" on a re-fetch
    fetched_at TEXT NOT NULL
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    colour TEXT,
    quick_key INTEGER UNIQUE CHECK (quick_key BETWEEN 1 AND 9),
    created_at TEXT NOT NULL
);

CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    passage TEXT NOT NULL,            -- the exact text of articles.text[start:end] when made
    prefix TEXT NOT NULL DEFAULT '',  -- text before and after it (W3C TextQuoteSelector),
    suffix TEXT NOT NULL DEFAULT '',  -- so it re-anchors when the article text moves
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (start >= 0 AND "end" >= start)
);
CREATE INDEX annotations_article ON annotations(article_id, start);

CREATE TABLE annotation_tags (
    annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (annotation_id, tag_id)
);
CREATE INDEX annotation_tags_tag ON annotation_tags(tag_id);

-- Full-text search in the sqlite-utils convention (what Datasette's search box looks for).
CREATE VIRTUAL TABLE "articles_fts" USING FTS5 (
    "title", "text",
    tokenize='porter',
    content="articles"
);
CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN
  INSERT INTO "articles_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
END;
CREATE TRIGGER "articles_ad" AFTER DELETE ON "articles" BEGIN
  INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text") VALUES('delete', old.rowid, old."title", old."text");
END;
CREATE TRIGGER "articles_au" AFTER UPDATE ON "articles" BEGIN
  INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text") VALUES('delete', old.rowid, old."title", old."text");
  INSERT INTO "articles_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
END;
