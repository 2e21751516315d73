"""Versions of articles and the reader's state: every earlier text an outlet published, what a
new version did to the quotes, and what the user read, where, and last saw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_reader.library.diff import QuoteChange, quote_changes
from tui_reader.library.store.connection import StoreBase, StoreError
from tui_reader.library.timestamps import now_iso

if TYPE_CHECKING:
    from tui_reader.library.quotes import QuoteAnalysis


@dataclass(frozen=True, slots=True)
class Version:
    """One version of an article, as it was published."""

    version: int
    fetched_at: str
    title: str | None
    words: int
    text: str
    current: bool


@dataclass(frozen=True, slots=True)
class StoredQuoteChange:
    """A change to a quote, recorded when a version came in."""

    version: int
    change: QuoteChange


_VERSION_COLUMNS = "fetched_at, url, title, author, site, published, language, text, words"


class VersionsMixin(StoreBase):
    """article_versions, quote_changes and the reading columns of articles."""

    def _keep_version(self, article_id: int) -> int:
        """Move the article's current version into article_versions; the next number."""
        current = self.conn.execute(
            "SELECT version FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]
        self.conn.execute(
            f"INSERT OR REPLACE INTO article_versions (article_id, version, {_VERSION_COLUMNS}) "
            f"SELECT id, version, {_VERSION_COLUMNS} FROM articles WHERE id = ?",
            (article_id,),
        )
        return int(current) + 1

    def _old_quotes(self, article_id: int) -> list[tuple[int, int, str]]:
        return [
            (int(r[0]), int(r[1]), str(r[2]))
            for r in self.conn.execute(
                'SELECT start, "end", text FROM quotes WHERE article_id = ? ORDER BY start',
                (article_id,),
            )
        ]

    def _record_quote_changes(
        self,
        article_id: int,
        version: int,
        old: list[tuple[int, int, str]],
        analysis: QuoteAnalysis,
    ) -> None:
        new = [(q.start, q.end, q.text) for q in analysis.quotes]
        self.conn.executemany(
            "INSERT INTO quote_changes (article_id, version, kind, old_text, new_text, start, "
            '"end") VALUES (?, ?, ?, ?, ?, ?, ?)',
            [
                (article_id, version, c.kind, c.old_text, c.new_text, c.start, c.end)
                for c in quote_changes(old, new)
            ],
        )

    def versions(self, article_id: int) -> list[Version]:
        """Every version of an article, oldest first, the current one last."""
        rows = self._rows(
            "SELECT version, fetched_at, title, words, text, 0 AS current FROM article_versions "
            "WHERE article_id = ? UNION ALL "
            "SELECT version, fetched_at, title, words, text, 1 FROM articles WHERE id = ? "
            "ORDER BY version",
            (article_id, article_id),
        )
        return [Version(**{**r, "current": bool(r["current"])}) for r in rows]

    def version(self, article_id: int, number: int) -> Version:
        """One version of an article; a clear error for a version it does not have."""
        versions = self.versions(article_id)
        found = next((v for v in versions if v.version == number), None)
        if found is None:
            have = len(versions)
            if not have:
                raise self._missing("article", article_id)
            raise StoreError(f"article {article_id} has no version {number} (it has 1 to {have})")
        return found

    def quote_changes(self, article_id: int, version: int | None = None) -> list[StoredQuoteChange]:
        """What new versions did to the article's quotes (one version's, or all)."""
        sql = (
            'SELECT version, kind, old_text, new_text, start, "end" FROM quote_changes '
            "WHERE article_id = ?"
        )
        params: list[int] = [article_id]
        if version is not None:
            sql += " AND version = ?"
            params.append(version)
        return [
            StoredQuoteChange(
                r["version"],
                QuoteChange(r["kind"], r["old_text"], r["new_text"], r["start"], r["end"]),
            )
            for r in self._rows(sql + " ORDER BY version, id", params)
        ]

    # -- the reader's state --------------------------------------------------------------

    def mark_read(self, article_id: int, read: bool = True) -> None:
        """Opened (read, and this version seen), or back to unread."""
        with self.transaction():
            if read:
                changed = self.conn.execute(
                    "UPDATE articles SET read_at = ?, seen_version = version WHERE id = ?",
                    (now_iso(), article_id),
                ).rowcount
            else:
                changed = self.conn.execute(
                    "UPDATE articles SET read_at = NULL WHERE id = ?", (article_id,)
                ).rowcount
            if not changed:
                raise self._missing("article", article_id)

    def save_position(self, article_id: int, offset: int) -> None:
        """Where the reader left an article (an offset into its text)."""
        with self.transaction():
            self.conn.execute(
                "UPDATE articles SET position = max(0, min(?, length(text) - 1)) WHERE id = ?",
                (offset, article_id),
            )

    def position(self, article_id: int) -> int:
        row = self.conn.execute(
            "SELECT position FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return int(row[0]) if row else 0

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.db["settings"].upsert({"key": key, "value": value}, pk="key")
