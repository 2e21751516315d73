-- Schema version 2: quotes and speakers, stories, orphaned annotations, annotation search.

CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,               -- the fullest name seen, or the name a user gave it
    kind TEXT NOT NULL DEFAULT 'unknown',  -- person | organization | unknown
    renamed INTEGER NOT NULL DEFAULT 0     -- 1 when a user named it: ingest keeps that name
);

CREATE TABLE speaker_aliases (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    key TEXT NOT NULL,                -- folded: no case, diacritics, titles or possessives
    last TEXT NOT NULL,               -- last word of key: finds "Vucic" for "Aleksandar Vučić"
    PRIMARY KEY (speaker_id, alias)
);
CREATE INDEX speaker_aliases_key ON speaker_aliases(key);
CREATE INDEX speaker_aliases_last ON speaker_aliases(last);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,               -- == articles.text[start:end], the words inside the marks
    speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
    cue TEXT                          -- the attribution as written ("the SVR said")
);
CREATE INDEX quotes_article ON quotes(article_id, start);
CREATE INDEX quotes_speaker ON quotes(speaker_id);

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE story_articles (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles(article_id);

-- 1 when a re-fetch changed the text so much that the passage could not be placed again:
-- the annotation is kept (with its passage, tags and note) and flagged, never dropped.
ALTER TABLE annotations ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0;

CREATE VIRTUAL TABLE "annotations_fts" USING FTS5 (
    "passage", "note",
    tokenize='porter',
    content="annotations"
);
CREATE TRIGGER "annotations_ai" AFTER INSERT ON "annotations" BEGIN
  INSERT INTO "annotations_fts" (rowid, "passage", "note") VALUES (new.rowid, new."passage", new."note");
END;
CREATE TRIGGER "annotations_ad" AFTER DELETE ON "annotations" BEGIN
  INSERT INTO "annotations_fts" ("annotations_fts", rowid, "passage", "note") VALUES('delete', old.rowid, old."passage", old."note");
END;
CREATE TRIGGER "annotations_au" AFTER UPDATE ON "annotations" BEGIN
  INSERT INTO "annotations_fts" ("annotations_fts", rowid, "passage", "note") VALUES('delete', old.rowid, old."passage", old."note");
  INSERT INTO "annotations_fts" (rowid, "passage", "note") VALUES (new.rowid, new."passage", new."note");
END;
INSERT INTO "annotations_fts" ("annotations_fts") VALUES ('rebuild');
