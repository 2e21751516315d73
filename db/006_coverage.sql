-- Schema version 6: what coverage finding looks up, filled when an article is stored.

-- The salient terms of each article (library/salience.py): the names it uses and the words it
-- is about, with a weight (1 + ln(count), +1 when the title has them). The index on term makes
-- it an inverted index: the articles that share an article's terms are found without reading
-- any text. How common a term is in the library is counted at query time.
CREATE TABLE article_terms (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    term TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('name', 'word')),
    weight REAL NOT NULL,
    PRIMARY KEY (article_id, term)
) WITHOUT ROWID;
CREATE INDEX article_terms_term ON article_terms(term, article_id, weight);

-- Which articles have their terms, by which version of the term finder. Articles stored before
-- this version (or indexed by an older finder) are indexed the next time coverage is asked for.
CREATE TABLE article_index (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL
);
