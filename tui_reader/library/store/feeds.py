"""Followed feeds, the feed each article came from, and the validators of conditional requests
(per feed and per article), so that a refresh of an unchanged source costs one 304."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from tui_reader.library.models import Feed, Validators
from tui_reader.library.store.connection import StoreError
from tui_reader.library.store.stories import StoriesMixin, story_name
from tui_reader.library.textclean import clean_line
from tui_reader.library.timestamps import now_iso

_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.kind, f.story, f.checked_at, f.error, f.added_at, "
    "f.etag, f.last_modified, count(a.id) AS items, coalesce(sum(a.id IS NOT NULL AND a.read_at IS NULL), 0) AS unread"
)


class FeedsMixin(StoriesMixin):
    """feeds, articles.feed_id and the validators columns (a feed's items go into its story)."""

    def feeds(self, ids: Sequence[int] | None = None) -> list[Feed]:
        """Followed feeds (all, or those of ``ids``), oldest first, with their item counts."""
        sql = f"SELECT {_FEED_COLUMNS} FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id"
        params: list[object] = []
        if ids is not None:
            sql += " WHERE f.id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(ids)))
        rows = self._rows(sql + " GROUP BY f.id ORDER BY f.id", params)
        return [_feed(r) for r in rows]

    def feed(self, feed_id: int) -> Feed:
        found = self.feeds([feed_id])
        if not found:
            raise self._missing("feed", feed_id)
        return found[0]

    def feed_by_url(self, url: str) -> Feed | None:
        row = self.conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        return self.feed(int(row[0])) if row else None

    def add_feed(
        self,
        url: str,
        *,
        title: str | None,
        site_url: str | None,
        kind: str | None,
        story: str | None = None,
    ) -> tuple[Feed, bool]:
        """Follow a feed; following one already followed changes only its story (when one is
        given). Returns the feed and whether it is new."""
        story = story_name(story) if story is not None else None
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is not None:
                if story is not None:
                    conn.execute("UPDATE feeds SET story = ? WHERE id = ?", (story, row[0]))
                feed_id, new = int(row[0]), False
            else:
                cursor = conn.execute(
                    "INSERT INTO feeds (url, title, site_url, kind, story, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (url, clean_line(title), site_url, kind, story, now_iso()),
                )
                feed_id, new = int(cursor.lastrowid or 0), True
        return self.feed(feed_id), new

    def remove_feed(self, feed_id: int) -> Feed:
        """Stop following a feed; its articles stay in the library (no longer linked to it)."""
        feed = self.feed(feed_id)
        with self.transaction() as conn:
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        return feed

    def feed_checked(
        self,
        feed_id: int,
        *,
        error: str | None = None,
        validators: Validators | None = None,
        title: str | None = None,
        site_url: str | None = None,
    ) -> None:
        """Record a refresh of a feed: when, and its error (None: it worked). A fetch that
        brought the feed keeps its validators and refreshes its title; a failed one keeps the
        old validators, so the next refresh is still conditional."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE feeds SET checked_at = ?, error = ? WHERE id = ?",
                (now_iso(), clean_line(error) if error else None, feed_id),
            )
            if validators is not None:
                conn.execute(
                    "UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?",
                    (validators.etag, validators.last_modified, feed_id),
                )
            if title:
                conn.execute(
                    "UPDATE feeds SET title = ? WHERE id = ?", (clean_line(title), feed_id)
                )
            if site_url:
                conn.execute("UPDATE feeds SET site_url = ? WHERE id = ?", (site_url, feed_id))

    def feed_validators(self, feed_id: int, validators: Validators) -> None:
        """Keep the validators of a feed whose new items are all stored."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?",
                (validators.etag, validators.last_modified, feed_id),
            )

    def known_sources(self, sources: Iterable[str]) -> dict[str, int]:
        """Those of ``sources`` that are articles already, with their ids."""
        listed = list(dict.fromkeys(sources))
        return {
            str(r[0]): int(r[1])
            for r in self.conn.execute(
                "SELECT source, id FROM articles WHERE source IN (SELECT value FROM json_each(?))",
                (json.dumps(listed),),
            )
        }

    def link_to_feed(self, article_ids: Sequence[int], feed_id: int, story: str | None) -> None:
        """Mark articles as the feed's items (those from no feed yet) and put them in its
        story. Runs inside the transaction that stored them, when there is one."""
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE articles SET feed_id = ? WHERE id = ? AND feed_id IS NULL",
                [(feed_id, a) for a in article_ids],
            )
            if story:
                self._add_to_story(story, list(article_ids))

    def feed_counts(self) -> dict[int, tuple[int, int]]:
        """Each feed's articles and how many are unread."""
        return {f.id: (f.items, f.unread) for f in self.feeds()}

    # -- the validators of articles --------------------------------------------------------

    def validators_of(self, article_ids: Iterable[int]) -> dict[int, Validators]:
        """The validators each article's page came with (articles without any are left out)."""
        return {
            int(r[0]): Validators(r[1], r[2])
            for r in self.conn.execute(
                "SELECT id, etag, last_modified FROM articles WHERE id IN "
                "(SELECT value FROM json_each(?)) AND (etag IS NOT NULL OR last_modified IS NOT NULL)",
                (json.dumps(list(article_ids)),),
            )
        }

    def save_validators(self, article_id: int, validators: Validators) -> None:
        """Keep the validators of the page an article was just fetched from."""
        # only when they changed: re-adding an unchanged page writes nothing at all
        self._write_one(
            "UPDATE articles SET etag = :etag, last_modified = :modified WHERE id = :id "
            "AND (etag IS NOT :etag OR last_modified IS NOT :modified)",
            {"etag": validators.etag, "modified": validators.last_modified, "id": article_id},
        )

    def article_id_for(self, source: str) -> int:
        row = self.conn.execute("SELECT id FROM articles WHERE source = ?", (source,)).fetchone()
        if row is None:
            raise StoreError(f"there is no article from {source}")
        return int(row[0])


def _feed(row: dict[str, object]) -> Feed:
    etag, last_modified = row.pop("etag"), row.pop("last_modified")
    return Feed(**row, validators=Validators(etag, last_modified))  # type: ignore[arg-type]
