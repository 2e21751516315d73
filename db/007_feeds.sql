-- Schema version 7: followed feeds, the feed each article came from, and the validators of
-- conditional requests (ETag, Last-Modified), so that an unchanged feed or page costs a 304.

CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,         -- the feed itself (found from a site's page if given one)
    title TEXT,
    site_url TEXT,                    -- the site the feed belongs to (its <link>, home_page_url)
    kind TEXT,                        -- rss | atom | rdf | json
    story TEXT,                       -- its new items go into this story
    etag TEXT,                        -- validators from the last fetch that brought the feed
    last_modified TEXT,
    checked_at TEXT,                  -- the last refresh, whatever it gave
    error TEXT,                       -- why the last refresh failed (NULL: it did not)
    added_at TEXT NOT NULL
);

-- The feed an article came in from (NULL: added by hand). Removing a feed keeps its articles.
ALTER TABLE articles ADD COLUMN feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL;
CREATE INDEX articles_feed ON articles(feed_id);

-- The validators of the page as last fetched: a refresh asks "changed since?" with them.
ALTER TABLE articles ADD COLUMN etag TEXT;
ALTER TABLE articles ADD COLUMN last_modified TEXT;
