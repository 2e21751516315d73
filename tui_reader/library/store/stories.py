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
        self.conn.execute(
            "INSERT OR IGNORE INTO stories (name, created_at) VALUES (?, ?)", (name, now_iso())
        )
        story_id = self.conn.execute("SELECT id FROM stories WHERE name = ?", (name,)).fetchone()[0]
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?, ?)",
            [(story_id, a) for a in article_ids],
        )
