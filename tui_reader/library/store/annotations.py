"""Annotations: passages of an article with tags and a note, anchored so that they survive a
changed re-fetch (see :mod:`tui_reader.library.anchoring`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tui_reader.library import anchoring
from tui_reader.library.models import Annotation
from tui_reader.library.store.connection import StoreError
from tui_reader.library.store.tags import TagsMixin
from tui_reader.library.textclean import clean_text
from tui_reader.library.timestamps import now_iso

_ANNOTATION_SQL = (
    'SELECT n.id, n.article_id, n.start, n."end", n.passage, n.prefix, n.suffix, n.note, '
    "n.created_at, n.updated_at, n.orphaned, n.anchor, n.coded_passage, n.version, "
    "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM annotation_tags at "
    "JOIN tags t ON t.id = at.tag_id WHERE at.annotation_id = n.id "
    "ORDER BY t.name COLLATE NOCASE)) AS tags FROM annotations n"
)


def _annotation(row: dict[str, Any]) -> Annotation:
    tags = row.pop("tags")
    row["orphaned"] = bool(row["orphaned"])
    return Annotation(**row, tags=tags.split("\x1f") if tags else [])


class AnnotationsMixin(TagsMixin):
    """The annotations table with its tag links (tags are made when new)."""

    def annotations(
        self,
        article_id: int | None = None,
        *,
        tag: str | None = None,
        story: str | None = None,
        article_ids: Sequence[int] | None = None,
    ) -> list[Annotation]:
        """Annotations by article and position, optionally filtered."""
        where: list[str] = []
        params: list[Any] = []
        if article_id is not None:
            where.append("n.article_id = ?")
            params.append(article_id)
        if article_ids is not None:
            where.append(f"n.article_id IN ({', '.join('?' * len(article_ids))})")
            params.extend(article_ids)
        if tag is not None:
            where.append(
                "n.id IN (SELECT at.annotation_id FROM annotation_tags at "
                "JOIN tags t ON t.id = at.tag_id WHERE t.name = ?)"
            )
            params.append(" ".join(tag.split()))
        if story is not None:
            where.append(
                "n.article_id IN (SELECT sa.article_id FROM story_articles sa "
                "JOIN stories s ON s.id = sa.story_id WHERE s.name = ?)"
            )
            params.append(story)
        sql = _ANNOTATION_SQL
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY n.article_id, n.start, n.id"
        return [_annotation(r) for r in self._rows(sql, params)]

    def annotation(self, annotation_id: int) -> Annotation | None:
        """One annotation."""
        rows = self._rows(_ANNOTATION_SQL + " WHERE n.id = ?", (annotation_id,))
        return _annotation(rows[0]) if rows else None

    def _require_annotation(self, annotation_id: int) -> Annotation:
        found = self.annotation(annotation_id)
        if found is None:
            raise StoreError(f"there is no annotation {annotation_id}")
        return found

    def create_annotation(
        self,
        article_id: int,
        start: int,
        end: int,
        *,
        tags: Sequence[str] = (),
        note: str = "",
    ) -> Annotation:
        """Annotate ``text[start:end]`` of an article with tags and a note."""
        row = self.conn.execute(
            "SELECT text, version FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"there is no article {article_id}")
        text, version = row
        if not 0 <= start < end <= len(text):
            raise StoreError(
                f"a passage needs 0 <= start < end <= {len(text)} (got {start}..{end})"
            )
        sel = anchoring.make_selector(text, start, end)
        stamp = now_iso()
        with self.transaction():
            annotation_id = int(
                self.db["annotations"]
                .insert(
                    {
                        "article_id": article_id,
                        "start": start,
                        "end": end,
                        "passage": sel.passage,
                        "prefix": sel.prefix,
                        "suffix": sel.suffix,
                        "note": clean_text(note),
                        "created_at": stamp,
                        "updated_at": stamp,
                        "version": version,
                    }
                )
                .last_pk
            )
            self._link_tags(annotation_id, tags)
        return self._require_annotation(annotation_id)

    def _link_tags(self, annotation_id: int, tags: Iterable[str]) -> None:
        self.db["annotation_tags"].insert_all(
            (
                {"annotation_id": annotation_id, "tag_id": self._tag_id(name)}
                for name in tags
                if name.strip()
            ),
            ignore=True,
        )

    def update_annotation(
        self,
        annotation_id: int,
        *,
        note: str | None = None,
        tags: Sequence[str] | None = None,
        add_tags: Sequence[str] = (),
        remove_tags: Sequence[str] = (),
    ) -> Annotation:
        """Change an annotation's note and tags (``tags`` replaces them all)."""
        with self.transaction() as conn:
            self._require_annotation(annotation_id)
            if note is not None:
                conn.execute(
                    "UPDATE annotations SET note = ? WHERE id = ?",
                    (clean_text(note), annotation_id),
                )
            if tags is not None:
                conn.execute(
                    "DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,)
                )
                self._link_tags(annotation_id, tags)
            self._link_tags(annotation_id, add_tags)
            for name in remove_tags:
                conn.execute(
                    "DELETE FROM annotation_tags WHERE annotation_id = ? AND tag_id IN "
                    "(SELECT id FROM tags WHERE name = ?)",
                    (annotation_id, " ".join(name.split())),
                )
            conn.execute(
                "UPDATE annotations SET updated_at = ? WHERE id = ?", (now_iso(), annotation_id)
            )
        return self._require_annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> Annotation:
        """Delete an annotation; returns it, so that :meth:`restore_annotation` can undo."""
        with self.transaction() as conn:
            gone = self._require_annotation(annotation_id)
            conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return gone

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation with its id, offsets, tags, note and times."""
        with self.transaction():
            self.db["annotations"].insert(
                {
                    "id": annotation.id,
                    "article_id": annotation.article_id,
                    "start": annotation.start,
                    "end": annotation.end,
                    "passage": annotation.passage,
                    "prefix": annotation.prefix,
                    "suffix": annotation.suffix,
                    "note": annotation.note,
                    "created_at": annotation.created_at,
                    "updated_at": annotation.updated_at,
                    "orphaned": int(annotation.orphaned),
                    "anchor": annotation.anchor,
                    "coded_passage": annotation.coded_passage,
                    "version": annotation.version,
                }
            )
            self._link_tags(annotation.id, annotation.tags)
        return self._require_annotation(annotation.id)

    def _reanchor_annotations(self, article_id: int, old_text: str, new_text: str) -> None:
        """Place every annotation of an article in its new text; say how each sits there."""
        rows = self._rows(
            'SELECT id, start, "end", passage, prefix, suffix, anchor, coded_passage '
            "FROM annotations WHERE article_id = ?",
            (article_id,),
        )
        for row in rows:
            sel = anchoring.Selector(row["passage"], row["prefix"], row["suffix"])
            placed = anchoring.reanchor(new_text, sel, hint=row["start"])
            coded = row["coded_passage"] or row["passage"]
            if placed is None:
                self.conn.execute(
                    "UPDATE annotations SET orphaned = 1, anchor = 'orphaned' WHERE id = ?",
                    (row["id"],),
                )
                continue
            start, end = placed
            fresh = anchoring.make_selector(new_text, start, end)
            anchor = anchoring.anchor_kind(
                coded, fresh.passage, moved=start != row["start"], before=row["anchor"]
            )
            # passage == text[start:end] always holds; a fuzzy placement keeps the words as
            # coded in coded_passage
            self.conn.execute(
                'UPDATE annotations SET start = ?, "end" = ?, passage = ?, prefix = ?, '
                "suffix = ?, orphaned = 0, anchor = ?, coded_passage = ? WHERE id = ?",
                (
                    start,
                    end,
                    fresh.passage,
                    fresh.prefix,
                    fresh.suffix,
                    anchor,
                    coded if fresh.passage != coded else None,
                    row["id"],
                ),
            )
