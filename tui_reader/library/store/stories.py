"""Stories: named groups of articles (one event as several outlets covered it)."""

from __future__ import annotations

from collections.abc import Iterable

from tui_reader.library.store.connection import StoreBase, StoreError
from tui_reader.library.textclean import clean_line
from tui_reader.library.timestamps import now_iso


def story_name(name: str) -> str:
    """A story name as stored: control characters out, whitespace collapsed (as every name
    users type); an empty name is refused."""
    cleaned = clean_line(name)
    if not cleaned:
        raise StoreError("a story name cannot be empty")
    return cleaned


class StoriesMixin(StoreBase):
    """Stories and their articles."""

    def stories(self) -> list[str]:
        """Story names, alphabetically."""
        return [r[0] for r in self.conn.execute("SELECT name FROM stories ORDER BY name")]

    def stories_of(self, article_id: int) -> list[str]:
        """The stories an article belongs to, alphabetically."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT s.name FROM stories s JOIN story_articles sa ON sa.story_id = s.id "
                "WHERE sa.article_id = ? ORDER BY s.name",
                (article_id,),
            )
        ]

    def story_article_ids(self, name: str) -> list[int]:
        """The articles of a story, by published date then id."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT a.id FROM articles a JOIN story_articles sa ON sa.article_id = a.id "
                "JOIN stories s ON s.id = sa.story_id WHERE s.name = ? "
                "ORDER BY coalesce(a.published, ''), a.id",
                (name,),
            )
        ]

    def add_to_story(self, name: str, article_ids: Iterable[int]) -> None:
        """Put articles into a story (created if new)."""
        with self.transaction():
            self._add_to_story(name, list(article_ids))

    def _add_to_story(self, name: str, article_ids: list[int]) -> None:
        name = story_name(name)
        # raw SQL: stored with each article of `add --story` (bench/store.py)
        self.conn.execute(
            "INSERT OR IGNORE INTO stories (name, created_at) VALUES (?, ?)", (name, now_iso())
        )
        story_id = self.conn.execute("SELECT id FROM stories WHERE name = ?", (name,)).fetchone()[0]
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?, ?)",
            [(story_id, a) for a in article_ids],
        )

    def story_counts(self) -> dict[str, tuple[int, int]]:
        """Each story's articles and how many of them are unread."""
        return {
            name: (int(total), int(unread or 0))
            for name, total, unread in self.conn.execute(
                "SELECT s.name, count(a.id), sum(a.read_at IS NULL) FROM stories s "
                "LEFT JOIN story_articles sa ON sa.story_id = s.id "
                "LEFT JOIN articles a ON a.id = sa.article_id GROUP BY s.id ORDER BY s.name"
            )
        }

    def _story_id(self, name: str) -> int:
        row = self.conn.execute(
            "SELECT id FROM stories WHERE name = ?", (" ".join(name.split()),)
        ).fetchone()
        if row is None:
            raise StoreError(f"there is no story named {name!r}")
        return int(row[0])

    def rename_story(self, old: str, new: str) -> str:
        """Rename a story; renaming onto an existing story merges the two. Returns the name."""
        new = story_name(new)
        with self.transaction() as conn:
            story_id = self._story_id(old)
            other = conn.execute("SELECT id FROM stories WHERE name = ?", (new,)).fetchone()
            if other and other[0] != story_id:
                conn.execute(
                    "INSERT OR IGNORE INTO story_articles (story_id, article_id) "
                    "SELECT ?, article_id FROM story_articles WHERE story_id = ?",
                    (other[0], story_id),
                )
                conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            else:
                conn.execute("UPDATE stories SET name = ? WHERE id = ?", (new, story_id))
        return new

    def remove_from_story(self, name: str, article_ids: Iterable[int]) -> int:
        """Take articles out of a story (they stay in the library); how many were in it."""
        with self.transaction() as conn:
            story_id = self._story_id(name)
            return sum(
                conn.execute(
                    "DELETE FROM story_articles WHERE story_id = ? AND article_id = ?",
                    (story_id, article_id),
                ).rowcount
                for article_id in article_ids
            )

    def delete_story(self, name: str) -> int:
        """Delete a story (its articles stay in the library); how many articles it had."""
        with self.transaction() as conn:
            story_id = self._story_id(name)
            count = conn.execute(
                "SELECT count(*) FROM story_articles WHERE story_id = ?", (story_id,)
            ).fetchone()[0]
            conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        return int(count)
