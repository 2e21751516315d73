-- Schema version 3: the library lists articles newest first; this index makes its first page
-- (and every page) a walk of the index instead of a sort of the whole table.
CREATE INDEX articles_published ON articles(published DESC, id DESC);
