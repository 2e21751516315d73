-- Schema version 4: the user's word on speakers, and how each annotation sits in the text.

-- The quote engine version that found the article's quotes: articles found by an older one are
-- analysed again (the user's corrections are applied again on top).
ALTER TABLE articles ADD COLUMN engine TEXT;

-- The name the engine gave a quote's speaker in its article ("Vucic"): taking a wrong alias off
-- a speaker re-links the quotes that came in under that name.
ALTER TABLE quotes ADD COLUMN speaker_name TEXT;
-- 1 when the speaker is the user's correction (`attribute`, the app's `a`), not the engine's.
ALTER TABLE quotes ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;

-- A user's correction of one quote's speaker. Kept apart from the engine's quotes, which are
-- replaced on every analysis, so that it is applied again after re-analysis, a changed re-fetch
-- or a new engine version. speaker_id NULL means "nobody" (`attribute ID --none`).
CREATE TABLE speaker_corrections (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,               -- the quote's words when corrected: found again after a re-fetch
    speaker_id INTEGER REFERENCES speakers(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
CREATE INDEX speaker_corrections_article ON speaker_corrections(article_id);
CREATE INDEX speaker_corrections_speaker ON speaker_corrections(speaker_id);

-- Names a user took off a speaker: linking never gives them back to it.
CREATE TABLE speaker_alias_blocks (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    key TEXT NOT NULL,                -- folded, as speaker_aliases.key
    PRIMARY KEY (speaker_id, key)
);

-- How an annotation sits in the article's current text: exact (where it was coded), moved (the
-- same words elsewhere after a re-fetch), fuzzy (placed on changed words) or orphaned (not
-- placed: start and end are where it was, passage the words as coded).
ALTER TABLE annotations ADD COLUMN anchor TEXT NOT NULL DEFAULT 'exact'
    CHECK (anchor IN ('exact', 'moved', 'fuzzy', 'orphaned'));
-- The words as coded, kept when a fuzzy placement made passage the changed words it covers now.
ALTER TABLE annotations ADD COLUMN coded_passage TEXT;
UPDATE annotations SET anchor = 'orphaned' WHERE orphaned = 1;
