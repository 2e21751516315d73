"""Tags: names with a colour and a quick key (1-9) that applies them in the reader."""

from __future__ import annotations

from tui_reader.library.models import Tag
from tui_reader.library.store.connection import StoreBase, StoreError
from tui_reader.library.textclean import clean_line
from tui_reader.library.timestamps import now_iso

QUICK_KEYS = range(1, 10)


def tag_name(name: str) -> str:
    """A tag name as stored: cleaned of control characters, whitespace collapsed."""
    cleaned = clean_line(name)
    if not cleaned:
        raise StoreError("a tag name cannot be empty")
    return cleaned


class TagsMixin(StoreBase):
    """The tags table and its quick keys."""

    def tags(self) -> list[Tag]:
        """All tags by name."""
        return [
            Tag(**r)
            for r in self._rows(
                "SELECT id, name, colour, quick_key FROM tags ORDER BY name COLLATE NOCASE"
            )
        ]

    def tag_counts(self) -> dict[str, int]:
        """How many annotations carry each tag."""
        return {
            name: n
            for name, n in self.conn.execute(
                "SELECT t.name, count(at.annotation_id) FROM tags t "
                "LEFT JOIN annotation_tags at ON at.tag_id = t.id GROUP BY t.id"
            )
        }

    def find_tag(self, name: str) -> Tag | None:
        """The tag of this name (names compare without case), or None."""
        rows = self._rows(
            "SELECT id, name, colour, quick_key FROM tags WHERE name = ?", (clean_line(name) or "",)
        )
        return Tag(**rows[0]) if rows else None

    def create_tag(
        self, name: str, *, colour: str | None = None, quick_key: int | None = None
    ) -> Tag:
        """A tag by name, made when new (names compare without case)."""
        with self.transaction():
            tag_id = self._tag_id(name)
            if colour is not None:
                self.conn.execute("UPDATE tags SET colour = ? WHERE id = ?", (colour, tag_id))
            if quick_key is not None:
                self._set_quick_key(tag_id, quick_key)
        return self._tag(tag_id)

    def used_quick_keys(self) -> set[int]:
        """The quick keys that tags have."""
        return {
            int(r[0])
            for r in self.conn.execute("SELECT quick_key FROM tags WHERE quick_key IS NOT NULL")
        }

    def _tag(self, tag_id: int) -> Tag:
        rows = self._rows("SELECT id, name, colour, quick_key FROM tags WHERE id = ?", (tag_id,))
        return Tag(**rows[0])

    def _tag_id(self, name: str) -> int:
        name = tag_name(name)
        row = self.conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        return int(self.db["tags"].insert({"name": name, "created_at": now_iso()}).last_pk)

    def _existing_tag_id(self, name: str) -> int:
        row = self.conn.execute(
            "SELECT id FROM tags WHERE name = ?", (clean_line(name) or "",)
        ).fetchone()
        if row is None:
            raise StoreError(f"there is no tag named {name!r}")
        return int(row[0])

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag; renaming onto an existing name merges the two."""
        new = tag_name(new)
        with self.transaction():
            tag_id = self._existing_tag_id(old)
            other = self.conn.execute("SELECT id FROM tags WHERE name = ?", (new,)).fetchone()
            if other and other[0] != tag_id:
                self._merge_tags(tag_id, int(other[0]))
            else:
                self.conn.execute("UPDATE tags SET name = ? WHERE id = ?", (new, tag_id))

    def merge_tags(self, source: str, target: str) -> None:
        """Move every use of ``source`` to ``target`` and delete ``source``."""
        with self.transaction():
            self._merge_tags(self._existing_tag_id(source), self._existing_tag_id(target))

    def _merge_tags(self, source_id: int, target_id: int) -> None:
        if source_id == target_id:
            return
        self.conn.execute(
            "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) "
            "SELECT annotation_id, ? FROM annotation_tags WHERE tag_id = ?",
            (target_id, source_id),
        )
        self.conn.execute("DELETE FROM tags WHERE id = ?", (source_id,))

    def delete_tag(self, name: str) -> None:
        """Delete a tag (annotations keep their other tags and notes)."""
        with self.transaction():
            self.conn.execute("DELETE FROM tags WHERE id = ?", (self._existing_tag_id(name),))

    def set_tag_colour(self, name: str, colour: str | None) -> None:
        """Set or clear a tag's colour (any Textual colour string)."""
        with self.transaction():
            self.conn.execute(
                "UPDATE tags SET colour = ? WHERE id = ?", (colour, self._existing_tag_id(name))
            )

    def set_quick_key(self, name: str, key: int | None) -> None:
        """Bind digit ``key`` (1-9) to a tag, taking it from any other tag; None unbinds."""
        with self.transaction():
            self._set_quick_key(self._existing_tag_id(name), key)

    def _set_quick_key(self, tag_id: int, key: int | None) -> None:
        if key is not None and key not in QUICK_KEYS:
            raise StoreError("a quick-tag key is a digit from 1 to 9")
        if key is not None:
            self.conn.execute("UPDATE tags SET quick_key = NULL WHERE quick_key = ?", (key,))
        self.conn.execute("UPDATE tags SET quick_key = ? WHERE id = ?", (key, tag_id))

    def tag_for_quick_key(self, key: int) -> Tag | None:
        """The tag bound to digit ``key``."""
        rows = self._rows(
            "SELECT id, name, colour, quick_key FROM tags WHERE quick_key = ?", (key,)
        )
        return Tag(**rows[0]) if rows else None
