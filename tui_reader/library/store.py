"""The one SQLite file: articles, quotes, speakers, stories, tags and annotations.

A :class:`Store` wraps a sqlite-utils ``Database`` and belongs to the thread that opened it
(sqlite3 enforces that): open one per worker thread or process. The file is in WAL mode with a
busy timeout, so several processes can share it. Every public method that writes is one
transaction, committed before it returns: when the app says "saved", it is on disk.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tui_reader.library import anchoring, migrations
from tui_reader.library.models import (
    Annotation,
    Article,
    ArticleSummary,
    ExtractedArticle,
    IngestStatus,
    StoredQuote,
    StoredSpeaker,
    Tag,
)

if TYPE_CHECKING:
    import sqlite_utils

    from tui_reader.library.quotes import Twin

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """A request the database cannot satisfy; the message is one plain sentence."""


class QuoteLike(Protocol):
    """What :meth:`Store.save_article` needs of a quote from the quote engine."""

    start: int
    end: int
    text: str
    speaker: str | None
    cue: str | None


class SpeakerLike(Protocol):
    """What :meth:`Store.save_article` needs of a speaker from the quote engine."""

    name: str
    aliases: list[str]
    kind: str


class AnalysisLike(Protocol):
    """The quote engine's result for one article."""

    quotes: Sequence[QuoteLike]
    speakers: Sequence[SpeakerLike]


def now_iso() -> str:
    """The current UTC time as ISO 8601 with seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def count_words(text: str) -> int:
    """Words as a reader counts them."""
    return len(re.findall(r"\w+(?:['’]\w+)*", text))


def _content_hash(article: ExtractedArticle) -> str:
    fields = [
        article.text,
        article.url,
        article.title,
        article.author,
        article.site,
        article.published,
        article.language,
    ]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def fts_query(text: str) -> str | None:
    """A safe FTS5 query from what a person typed: every word must match, the last as a prefix."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


class Store:
    """The library database. Open with :meth:`open`; close with :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path

    @property
    def db(self) -> sqlite_utils.Database:
        """The same connection as a sqlite-utils ``Database`` (imported on first use: it is the
        slowest import of the app's start-up)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, migrate: bool = True) -> Store:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date."""
        path = Path(path).expanduser()
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the database {path}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a crash or kill of the process (not a power cut).
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            if migrate:
                migrations.migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{path} is not a tui-reader database ({exc})") from exc
        except migrations.NewerSchemaError as exc:
            conn.close()
            raise StoreError(str(exc)) from exc
        return cls(conn, path)

    @classmethod
    def memory(cls) -> Store:
        """A private in-memory database (tests, benchmarks)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        migrations.migrate(conn)
        return cls(conn, None)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; ``BEGIN IMMEDIATE`` takes the write lock up front.

        Inside another transaction this is a savepoint: a failure undoes only its own writes,
        and nothing is committed until the outer transaction ends.
        """
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT inner")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO inner")
                self.conn.execute("RELEASE inner")
                raise
            self.conn.execute("RELEASE inner")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def schema_version(self) -> int:
        """The schema version of this file."""
        return migrations.current_version(self.conn)

    # -- articles ------------------------------------------------------------------------

    def save_article(
        self,
        article: ExtractedArticle,
        analysis: AnalysisLike | None = None,
        story: str | None = None,
    ) -> tuple[IngestStatus, int]:
        """Insert or update an article (by its source) with its quotes, in one transaction.

        Returns ``("added" | "updated" | "unchanged", id)``. On "updated" the article's
        annotations are re-anchored in the new text; those that cannot be placed are flagged
        orphaned and kept.
        """
        from tui_reader.library.textclean import clean_line, clean_text

        text = clean_text(article.text)
        if text != article.text:  # callers other than ingest: the quotes' offsets are void
            analysis = None
        article = replace(  # never store control characters, whoever calls
            article,
            text=text,
            title=clean_line(article.title),
            author=clean_line(article.author),
            site=clean_line(article.site),
        )
        digest = _content_hash(article)
        fetched_at = article.fetched_at or now_iso()
        values = {
            "source": article.source,
            "url": article.url,
            "title": article.title,
            "author": article.author,
            "site": article.site,
            "published": article.published,
            "language": article.language,
            "text": article.text,
            "words": count_words(article.text),
            "content_hash": digest,
            "fetched_at": fetched_at,
        }
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id, content_hash, text FROM articles WHERE source = ?", (article.source,)
            ).fetchone()
            status: IngestStatus
            if row is None:
                cursor = conn.execute(
                    f"INSERT INTO articles ({', '.join(values)}) "
                    f"VALUES ({', '.join('?' * len(values))})",
                    list(values.values()),
                )
                article_id = int(cursor.lastrowid or 0)
                status = "added"
            else:
                article_id = int(row[0])
                if row[1] == digest:
                    status = "unchanged"
                else:
                    sets = ", ".join(f"{k} = ?" for k in values)
                    conn.execute(
                        f"UPDATE articles SET {sets} WHERE id = ?",
                        [*values.values(), article_id],
                    )
                    self._reanchor_annotations(article_id, row[2], article.text)
                    status = "updated"
            if analysis is not None and (status != "unchanged" or not self._has_quotes(article_id)):
                self._replace_quotes(article_id, analysis)
            if story:
                self._add_to_story(story, [article_id])
        return status, article_id

    def _has_quotes(self, article_id: int) -> bool:
        return bool(
            self.conn.execute(
                "SELECT 1 FROM quotes WHERE article_id = ? LIMIT 1", (article_id,)
            ).fetchone()
        )

    def article(self, article_id: int) -> Article | None:
        """One article with its text."""
        rows = self._rows(
            "SELECT id, source, url, title, author, site, published, language, text, "
            "fetched_at, words FROM articles WHERE id = ?",
            (article_id,),
        )
        return Article(**rows[0]) if rows else None

    def article_ids(self) -> list[int]:
        """Every article id, oldest first."""
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def article_summaries(
        self,
        *,
        story: str | None = None,
        query: str | None = None,
        limit: int | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[ArticleSummary]:
        """The library table: newest first; ``query`` searches titles, texts and annotations."""
        where, params = [], []
        if story:
            where.append(
                "a.id IN (SELECT sa.article_id FROM story_articles sa "
                "JOIN stories s ON s.id = sa.story_id WHERE s.name = ?)"
            )
            params.append(story)
        if ids is not None:
            where.append(f"a.id IN ({', '.join('?' * len(ids))})")
            params.extend(ids)
        if query is not None:
            match = fts_query(query)
            if match is not None:
                where.append(
                    "(a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) OR "
                    "a.id IN (SELECT n.article_id FROM annotations n WHERE n.id IN "
                    "(SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?)))"
                )
                params.extend([match, match])
        sql = (
            "SELECT a.id, a.title, a.site, a.author, a.published, a.url, a.source, a.words, "
            "coalesce(qc.n, 0) AS quotes, coalesce(nc.n, 0) AS annotations FROM articles a "
            "LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id) qc "
            "ON qc.article_id = a.id "
            "LEFT JOIN (SELECT article_id, count(*) AS n FROM annotations GROUP BY article_id) nc "
            "ON nc.article_id = a.id"
        )
        if limit is not None and limit <= 1000:  # a first page: count per row, not per table
            sql = (
                "SELECT a.id, a.title, a.site, a.author, a.published, a.url, a.source, a.words, "
                "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
                "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotations "
                "FROM articles a"
            )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published DESC, a.id DESC"  # NULL dates sort last
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [ArticleSummary(**r) for r in self._rows(sql, params)]

    def delete_article(self, article_id: int) -> None:
        """Delete an article with its quotes and annotations."""
        with self.transaction() as conn:
            speakers = self._speaker_ids_of(article_id)
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self._drop_unused_speakers(speakers)

    # -- stories -------------------------------------------------------------------------

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
        self.conn.execute(
            "INSERT OR IGNORE INTO stories (name, created_at) VALUES (?, ?)", (name, now_iso())
        )
        story_id = self.conn.execute("SELECT id FROM stories WHERE name = ?", (name,)).fetchone()[0]
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?, ?)",
            [(story_id, a) for a in article_ids],
        )

    # -- quotes and speakers -------------------------------------------------------------

    def _replace_quotes(self, article_id: int, analysis: AnalysisLike) -> None:
        before = self._speaker_ids_of(article_id)
        self.conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        speaker_ids = {sp.name: self._link_speaker(sp) for sp in analysis.speakers}
        self.conn.executemany(
            'INSERT INTO quotes (article_id, start, "end", text, speaker_id, cue) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    q.start,
                    q.end,
                    q.text,
                    speaker_ids.get(q.speaker) if q.speaker else None,
                    q.cue,
                )
                for q in analysis.quotes
            ],
        )
        self._drop_unused_speakers(before)

    def _link_speaker(self, speaker: SpeakerLike) -> int:
        """The library speaker that is this article's speaker, created when new."""
        from tui_reader.library.quotes import best_name, same_entity, speaker_key

        names = [speaker.name, *speaker.aliases]
        keys = {k for k in (speaker_key(n) for n in names) if k}
        lasts = {k.split()[-1] for k in keys}
        candidates: list[int] = []
        if keys:
            marks = ", ".join("?" * len(keys))
            lmarks = ", ".join("?" * len(lasts))
            candidates = [
                r[0]
                for r in self.conn.execute(
                    f"SELECT DISTINCT speaker_id FROM speaker_aliases "
                    f"WHERE key IN ({marks}) OR last IN ({lmarks}) OR key IN ({lmarks}) "
                    "ORDER BY speaker_id",
                    [*keys, *lasts, *lasts],
                )
            ]
        for candidate in candidates:
            aliases = [
                r[0]
                for r in self.conn.execute(
                    "SELECT alias FROM speaker_aliases WHERE speaker_id = ?", (candidate,)
                )
            ]
            if same_entity(names, aliases):
                self._add_aliases(candidate, names)
                renamed, kind = self.conn.execute(
                    "SELECT renamed, kind FROM speakers WHERE id = ?", (candidate,)
                ).fetchone()
                if not renamed:
                    name = best_name([*aliases, *names])
                    self.conn.execute(
                        "UPDATE speakers SET name = ?, kind = ? WHERE id = ?",
                        (name, kind if kind != "unknown" else speaker.kind, candidate),
                    )
                return candidate
        cursor = self.conn.execute(
            "INSERT INTO speakers (name, kind) VALUES (?, ?)", (speaker.name, speaker.kind)
        )
        speaker_id = int(cursor.lastrowid or 0)
        self._add_aliases(speaker_id, names)
        return speaker_id

    def _add_aliases(self, speaker_id: int, names: Iterable[str]) -> None:
        from tui_reader.library.quotes import speaker_key

        rows = []
        for name in names:
            key = speaker_key(name)
            if key:
                rows.append((speaker_id, name, key, key.split()[-1]))
        self.conn.executemany(
            "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key, last) "
            "VALUES (?, ?, ?, ?)",
            rows,
        )

    def _speaker_ids_of(self, article_id: int) -> list[int]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT speaker_id FROM quotes "
                "WHERE article_id = ? AND speaker_id IS NOT NULL",
                (article_id,),
            )
        ]

    def _drop_unused_speakers(self, candidates: Sequence[int]) -> None:
        """Forget speakers (among ``candidates``) left without quotes, unless a user named them."""
        self.conn.executemany(
            "DELETE FROM speakers WHERE id = ? AND renamed = 0 AND NOT EXISTS "
            "(SELECT 1 FROM quotes WHERE speaker_id = ?)",
            [(i, i) for i in candidates],
        )

    def quotes(self, article_id: int | None = None) -> list[StoredQuote]:
        """Quotes with their library speaker, by article then position."""
        sql = (
            'SELECT q.id, q.article_id, q.start, q."end", q.text, q.speaker_id, '
            "s.name AS speaker, q.cue FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id"
        )
        params: list[Any] = []
        if article_id is not None:
            sql += " WHERE q.article_id = ?"
            params.append(article_id)
        sql += " ORDER BY q.article_id, q.start"
        return [StoredQuote(**r) for r in self._rows(sql, params)]

    def speakers(self, article_ids: Sequence[int] | None = None) -> list[StoredSpeaker]:
        """Speakers with aliases and quote counts per article, most quoted first."""
        params: list[Any] = []
        where = "WHERE q.speaker_id IS NOT NULL"
        if article_ids is not None:
            where += f" AND q.article_id IN ({', '.join('?' * len(article_ids))})"
            params.extend(article_ids)
        counts: dict[int, dict[int, int]] = {}
        for speaker_id, article_id, n in self.conn.execute(
            f"SELECT q.speaker_id, q.article_id, count(*) FROM quotes q {where} "
            "GROUP BY q.speaker_id, q.article_id",
            params,
        ):
            counts.setdefault(speaker_id, {})[article_id] = n
        result = []
        for row in self._rows("SELECT id, name, kind FROM speakers ORDER BY id"):
            if row["id"] not in counts and article_ids is not None:
                continue
            aliases = [
                r[0]
                for r in self.conn.execute(
                    "SELECT alias FROM speaker_aliases WHERE speaker_id = ? AND alias != ? "
                    "ORDER BY alias",
                    (row["id"], row["name"]),
                )
            ]
            result.append(
                StoredSpeaker(
                    id=row["id"],
                    name=row["name"],
                    kind=row["kind"],
                    aliases=aliases,
                    quotes_per_article=counts.get(row["id"], {}),
                )
            )
        result.sort(key=lambda s: (-sum(s.quotes_per_article.values()), s.name.casefold()))
        return result

    def rename_speaker(self, speaker_id: int, name: str) -> None:
        """Give a speaker the name a user chose; later imports keep it."""
        name = name.strip()
        if not name:
            raise StoreError("a speaker name cannot be empty")
        with self.transaction():
            if not self.conn.execute(
                "UPDATE speakers SET name = ?, renamed = 1 WHERE id = ?", (name, speaker_id)
            ).rowcount:
                raise StoreError(f"there is no speaker {speaker_id}")
            self._add_aliases(speaker_id, [name])

    def merge_speakers(self, keep_id: int, other_id: int) -> None:
        """Make ``other_id`` part of ``keep_id``: its quotes and aliases move over."""
        if keep_id == other_id:
            return
        with self.transaction() as conn:
            for sid in (keep_id, other_id):
                if not conn.execute("SELECT 1 FROM speakers WHERE id = ?", (sid,)).fetchone():
                    raise StoreError(f"there is no speaker {sid}")
            conn.execute(
                "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", (keep_id, other_id)
            )
            conn.execute(
                "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key, last) "
                "SELECT ?, alias, key, last FROM speaker_aliases WHERE speaker_id = ?",
                (keep_id, other_id),
            )
            conn.execute("DELETE FROM speakers WHERE id = ?", (other_id,))
            conn.execute("UPDATE speakers SET renamed = 1 WHERE id = ?", (keep_id,))

    def twins(self, article_a: int, article_b: int) -> list[Twin]:
        """Passages of two articles that report the same words (see the quote engine)."""
        from tui_reader.library.quotes import same_words

        a, b = self.article(article_a), self.article(article_b)
        if a is None or b is None:
            return []
        return same_words(a.text, self.quotes(article_a), b.text, self.quotes(article_b))

    # -- tags ----------------------------------------------------------------------------

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

    def _tag(self, tag_id: int) -> Tag:
        return Tag(
            **self._rows("SELECT id, name, colour, quick_key FROM tags WHERE id = ?", (tag_id,))[0]
        )

    def _tag_id(self, name: str) -> int:
        name = " ".join(name.split())
        if not name:
            raise StoreError("a tag name cannot be empty")
        row = self.conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        cursor = self.conn.execute(
            "INSERT INTO tags (name, created_at) VALUES (?, ?)", (name, now_iso())
        )
        return int(cursor.lastrowid or 0)

    def _existing_tag_id(self, name: str) -> int:
        row = self.conn.execute("SELECT id FROM tags WHERE name = ?", (name.strip(),)).fetchone()
        if row is None:
            raise StoreError(f"there is no tag named {name!r}")
        return int(row[0])

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag; renaming onto an existing name merges the two."""
        new = " ".join(new.split())
        if not new:
            raise StoreError("a tag name cannot be empty")
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
        if key is not None and not 1 <= key <= 9:
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

    # -- annotations ---------------------------------------------------------------------

    _ANNOTATION_SQL = (
        'SELECT n.id, n.article_id, n.start, n."end", n.passage, n.prefix, n.suffix, n.note, '
        "n.created_at, n.updated_at, n.orphaned, "
        "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM annotation_tags at "
        "JOIN tags t ON t.id = at.tag_id WHERE at.annotation_id = n.id "
        "ORDER BY t.name COLLATE NOCASE)) AS tags FROM annotations n"
    )

    @staticmethod
    def _annotation(row: dict[str, Any]) -> Annotation:
        tags = row.pop("tags")
        row["orphaned"] = bool(row["orphaned"])
        return Annotation(**row, tags=tags.split("\x1f") if tags else [])

    def annotations(
        self,
        article_id: int | None = None,
        *,
        tag: str | None = None,
        story: str | None = None,
    ) -> list[Annotation]:
        """Annotations by article and position, optionally filtered."""
        where, params = [], []
        if article_id is not None:
            where.append("n.article_id = ?")
            params.append(article_id)
        if tag is not None:
            where.append(
                "n.id IN (SELECT at.annotation_id FROM annotation_tags at "
                "JOIN tags t ON t.id = at.tag_id WHERE t.name = ?)"
            )
            params.append(tag.strip())
        if story is not None:
            where.append(
                "n.article_id IN (SELECT sa.article_id FROM story_articles sa "
                "JOIN stories s ON s.id = sa.story_id WHERE s.name = ?)"
            )
            params.append(story)
        sql = self._ANNOTATION_SQL
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY n.article_id, n.start, n.id"
        return [self._annotation(r) for r in self._rows(sql, params)]

    def annotation(self, annotation_id: int) -> Annotation | None:
        """One annotation."""
        rows = self._rows(self._ANNOTATION_SQL + " WHERE n.id = ?", (annotation_id,))
        return self._annotation(rows[0]) if rows else None

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
        from tui_reader.library.textclean import clean_text

        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"there is no article {article_id}")
        text = row[0]
        if not 0 <= start < end <= len(text):
            raise StoreError(
                f"a passage needs 0 <= start < end <= {len(text)} (got {start}..{end})"
            )
        sel = anchoring.make_selector(text, start, end)
        stamp = now_iso()
        with self.transaction() as conn:
            cursor = conn.execute(
                'INSERT INTO annotations (article_id, start, "end", passage, prefix, suffix, '
                "note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    start,
                    end,
                    sel.passage,
                    sel.prefix,
                    sel.suffix,
                    clean_text(note),
                    stamp,
                    stamp,
                ),
            )
            annotation_id = int(cursor.lastrowid or 0)
            self._link_tags(annotation_id, tags)
        return self._require_annotation(annotation_id)

    def _link_tags(self, annotation_id: int, tags: Iterable[str]) -> None:
        for name in tags:
            if name.strip():
                self.conn.execute(
                    "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                    (annotation_id, self._tag_id(name)),
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
        from tui_reader.library.textclean import clean_text

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
                    (annotation_id, name.strip()),
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
        with self.transaction() as conn:
            conn.execute(
                'INSERT INTO annotations (id, article_id, start, "end", passage, prefix, suffix, '
                "note, created_at, updated_at, orphaned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    annotation.id,
                    annotation.article_id,
                    annotation.start,
                    annotation.end,
                    annotation.passage,
                    annotation.prefix,
                    annotation.suffix,
                    annotation.note,
                    annotation.created_at,
                    annotation.updated_at,
                    int(annotation.orphaned),
                ),
            )
            self._link_tags(annotation.id, annotation.tags)
        return self._require_annotation(annotation.id)

    def _reanchor_annotations(self, article_id: int, old_text: str, new_text: str) -> None:
        rows = self._rows(
            'SELECT id, start, "end", passage, prefix, suffix FROM annotations '
            "WHERE article_id = ?",
            (article_id,),
        )
        for row in rows:
            sel = anchoring.Selector(row["passage"], row["prefix"], row["suffix"])
            placed = anchoring.reanchor(new_text, sel, hint=row["start"])
            if placed is None:
                self.conn.execute("UPDATE annotations SET orphaned = 1 WHERE id = ?", (row["id"],))
                continue
            start, end = placed
            fresh = anchoring.make_selector(new_text, start, end)
            # passage == text[start:end] always holds, so a fuzzy placement takes the new wording.
            self.conn.execute(
                'UPDATE annotations SET start = ?, "end" = ?, passage = ?, prefix = ?, '
                "suffix = ?, orphaned = 0 WHERE id = ?",
                (start, end, fresh.passage, fresh.prefix, fresh.suffix, row["id"]),
            )
