"""Quotes and speakers: the engine's quotes per article, library-wide speaker entities, and the
user's word on them (corrections, renames, merges, aliases taken off)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tui_reader.library import speaker_links
from tui_reader.library.engine import ENGINE_VERSION
from tui_reader.library.models import StoredQuote, StoredSpeaker
from tui_reader.library.store.connection import StoreError
from tui_reader.library.store.linking import SpeakerLinksMixin
from tui_reader.library.textclean import clean_line
from tui_reader.library.timestamps import now_iso

if TYPE_CHECKING:
    from tui_reader.library.quotes import QuoteAnalysis

_QUOTE_SQL = (
    'SELECT q.id, q.article_id, q.start, q."end", q.text, q.speaker_id, '
    "s.name AS speaker, q.cue, q.corrected FROM quotes q "
    "LEFT JOIN speakers s ON s.id = q.speaker_id"
)


def _stored_quote(row: dict[str, Any]) -> StoredQuote:
    row["corrected"] = bool(row["corrected"])
    return StoredQuote(**row)


class SpeakersMixin(SpeakerLinksMixin):
    """Quotes, speakers and aliases."""

    # -- the engine's quotes -------------------------------------------------------------

    def _replace_quotes(
        self, article_id: int, analysis: QuoteAnalysis, *, fresh: bool = False
    ) -> None:
        """The article's quotes, speakers linked, the user's corrections applied again.

        ``fresh``: a row just inserted with this engine's version: it has no quotes nor
        corrections yet (its foreign keys say so), so there is nothing to read or drop first.
        """
        before = [] if fresh else self.quoted_speakers(article_id)
        if not fresh:
            self.conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        speaker_ids = self._link_speakers(analysis.speakers)
        self.conn.executemany(
            'INSERT INTO quotes (article_id, start, "end", text, speaker_id, speaker_name, cue) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    q.start,
                    q.end,
                    q.text,
                    speaker_ids.get(q.speaker) if q.speaker else None,
                    q.speaker,
                    q.cue,
                )
                for q in analysis.quotes
            ],
        )
        if fresh:
            return
        self._apply_corrections(article_id)
        self.conn.execute(
            "UPDATE articles SET engine = ? WHERE id = ? AND engine IS NOT ?",
            (ENGINE_VERSION, article_id, ENGINE_VERSION),
        )
        self._drop_unused_speakers(before)

    def _apply_corrections(self, article_id: int) -> None:
        """Put the user's corrections back on the article's fresh quotes: the quote at the same
        place with the same words, else the nearest quote with the same words, else the quote
        that holds most of them. A correction whose words are gone waits (it is kept)."""
        corrections = self._rows(
            'SELECT id, start, "end", text, speaker_id FROM speaker_corrections '
            "WHERE article_id = ? ORDER BY id",
            (article_id,),
        )
        if not corrections:
            return
        quotes = self._rows(
            'SELECT id, start, "end", text FROM quotes WHERE article_id = ?', (article_id,)
        )
        for c in corrections:
            target = speaker_links.corrected_quote(c, quotes)
            if target is None:
                continue
            self.conn.execute(
                'UPDATE speaker_corrections SET start = ?, "end" = ?, text = ? WHERE id = ?',
                (target["start"], target["end"], target["text"], c["id"]),
            )
            self.conn.execute(
                "UPDATE quotes SET speaker_id = ?, corrected = 1 WHERE id = ?",
                (c["speaker_id"], target["id"]),
            )

    def _aliases(self, speaker_id: int) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias",
                (speaker_id,),
            )
        ]

    def _add_aliases(self, speaker_id: int, names: Iterable[str]) -> None:
        """Record names of a speaker, except those the user took off it."""
        rows = [
            (speaker_id, *row, speaker_id, row[1])
            for row in map(speaker_links.alias_row, names)
            if row is not None
        ]
        self.conn.executemany(
            "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key, last) "
            "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM speaker_alias_blocks "
            "WHERE speaker_id = ? AND key = ?)",
            rows,
        )

    def quoted_speakers(self, article_id: int) -> list[int]:
        """The library speakers quoted in an article (the user's corrections applied)."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT speaker_id FROM quotes "
                "WHERE article_id = ? AND speaker_id IS NOT NULL",
                (article_id,),
            )
        ]

    def _drop_unused_speakers(self, candidates: Sequence[int]) -> None:
        """Forget speakers (among ``candidates``) left without quotes, unless a user named them
        or a correction names them."""
        self.conn.executemany(
            "DELETE FROM speakers WHERE id = ? AND renamed = 0 "
            "AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = ?) "
            "AND NOT EXISTS (SELECT 1 FROM speaker_corrections WHERE speaker_id = ?)",
            [(i, i, i) for i in candidates],
        )

    # -- reading -------------------------------------------------------------------------

    def quotes(self, article_id: int | None = None) -> list[StoredQuote]:
        """Quotes with their library speaker, by article then position."""
        sql, params = _QUOTE_SQL, []
        if article_id is not None:
            sql += " WHERE q.article_id = ?"
            params.append(article_id)
        sql += " ORDER BY q.article_id, q.start"
        return [_stored_quote(r) for r in self._rows(sql, params)]

    def quotes_of(self, article_ids: Sequence[int]) -> dict[int, list[StoredQuote]]:
        """The quotes of several articles with their library speakers, by position."""
        found: dict[int, list[StoredQuote]] = {int(i): [] for i in article_ids}
        for row in self._rows(
            _QUOTE_SQL + " WHERE q.article_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY q.article_id, q.start",
            (json.dumps([int(i) for i in article_ids]),),
        ):
            found[row["article_id"]].append(_stored_quote(row))
        return found

    def quote(self, quote_id: int) -> StoredQuote | None:
        """One quote with its speaker."""
        rows = self._rows(_QUOTE_SQL + " WHERE q.id = ?", (quote_id,))
        return _stored_quote(rows[0]) if rows else None

    def speaker(self, speaker_id: int) -> StoredSpeaker | None:
        """One speaker with its aliases and quote counts."""
        return next((s for s in self.speakers() if s.id == speaker_id), None)

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
        aliases: dict[int, list[str]] = {}
        for speaker_id, alias in self.conn.execute(
            "SELECT a.speaker_id, a.alias FROM speaker_aliases a "
            "JOIN speakers s ON s.id = a.speaker_id WHERE a.alias != s.name ORDER BY a.alias"
        ):
            aliases.setdefault(speaker_id, []).append(alias)
        result = [
            StoredSpeaker(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                aliases=aliases.get(row["id"], []),
                quotes_per_article=counts.get(row["id"], {}),
            )
            for row in self._rows("SELECT id, name, kind FROM speakers ORDER BY id")
            if row["id"] in counts or article_ids is None
        ]
        result.sort(key=lambda s: (-sum(s.quotes_per_article.values()), s.name.casefold()))
        return result

    def speaker_by_name(self, name: str, *, prefer_article: int | None = None) -> int | None:
        """The speaker with this name or alias (its folded key), preferring one quoted in
        ``prefer_article``; None when there is none."""
        key = speaker_links.key_of(name)
        if not key:
            return None
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT a.speaker_id FROM speaker_aliases a "
                "LEFT JOIN speaker_alias_blocks b ON b.speaker_id = a.speaker_id AND b.key = ? "
                "WHERE a.key = ? AND b.key IS NULL ORDER BY a.speaker_id",
                (key, key),
            )
        ]
        if prefer_article is not None:
            here = set(self.quoted_speakers(prefer_article))
            ids.sort(key=lambda i: i not in here)
        return ids[0] if ids else None

    # -- the user's word -----------------------------------------------------------------

    def attribute(
        self, quote_id: int, name: str | None, *, speaker_id: int | None = None
    ) -> StoredQuote:
        """Make ``name`` the speaker of one quote (None: nobody), as the user's correction.

        ``name`` joins the speaker that has it as name or alias, else makes a new speaker;
        ``speaker_id`` names an existing speaker directly (the app's picker). The correction
        survives re-analysis and re-fetching.
        """
        if (
            speaker_id is not None
            and not self.conn.execute(
                "SELECT 1 FROM speakers WHERE id = ?", (speaker_id,)
            ).fetchone()
        ):
            raise StoreError(f"there is no speaker {speaker_id}")
        cleaned = clean_line(name) if name is not None else None
        if name is not None and not cleaned:
            raise StoreError("a speaker name cannot be empty (use --none for no speaker)")
        with self.transaction() as conn:
            quote = self.quote(quote_id)
            if quote is None:
                raise StoreError(f"there is no quote {quote_id}")
            if speaker_id is None and cleaned is not None:
                speaker_id = self.speaker_by_name(cleaned, prefer_article=quote.article_id)
                if speaker_id is None:
                    from tui_reader.library.quotes import kind_of

                    speaker_id = int(
                        self.db["speakers"]
                        .insert({"name": cleaned, "kind": kind_of(cleaned), "renamed": 1})
                        .last_pk
                    )
                    self._add_aliases(speaker_id, [cleaned])
            conn.execute(
                'DELETE FROM speaker_corrections WHERE article_id = ? AND start = ? AND "end" = ?',
                (quote.article_id, quote.start, quote.end),
            )
            self.db["speaker_corrections"].insert(
                {
                    "article_id": quote.article_id,
                    "start": quote.start,
                    "end": quote.end,
                    "text": quote.text,
                    "speaker_id": speaker_id,
                    "created_at": now_iso(),
                }
            )
            conn.execute(
                "UPDATE quotes SET speaker_id = ?, corrected = 1 WHERE id = ?",
                (speaker_id, quote_id),
            )
            if quote.speaker_id is not None and quote.speaker_id != speaker_id:
                self._drop_unused_speakers([quote.speaker_id])
        found = self.quote(quote_id)
        assert found is not None
        return found

    def rename_speaker(self, speaker_id: int, name: str) -> None:
        """Give a speaker the name a user chose; later imports keep it."""
        cleaned = clean_line(name)
        if not cleaned:
            raise StoreError("a speaker name cannot be empty")
        with self.transaction():
            if not self.conn.execute(
                "UPDATE speakers SET name = ?, renamed = 1 WHERE id = ?", (cleaned, speaker_id)
            ).rowcount:
                raise StoreError(f"there is no speaker {speaker_id}")
            self.conn.execute(
                "DELETE FROM speaker_alias_blocks WHERE speaker_id = ? AND key = ?",
                (speaker_id, speaker_links.key_of(cleaned)),
            )
            self._add_aliases(speaker_id, [cleaned])

    def merge_speakers(self, keep_id: int, other_id: int) -> None:
        """Make ``other_id`` part of ``keep_id``: its quotes, corrections and aliases move over."""
        if keep_id == other_id:
            raise StoreError(f"speaker {keep_id} cannot be merged into itself")
        with self.transaction() as conn:
            for sid in (keep_id, other_id):
                if not conn.execute("SELECT 1 FROM speakers WHERE id = ?", (sid,)).fetchone():
                    raise StoreError(f"there is no speaker {sid}")
            conn.execute(
                "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", (keep_id, other_id)
            )
            conn.execute(
                "UPDATE speaker_corrections SET speaker_id = ? WHERE speaker_id = ?",
                (keep_id, other_id),
            )
            conn.execute(
                "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key, last) "
                "SELECT ?, alias, key, last FROM speaker_aliases WHERE speaker_id = ?",
                (keep_id, other_id),
            )
            conn.execute(
                "DELETE FROM speaker_alias_blocks WHERE speaker_id = ? AND key IN "
                "(SELECT key FROM speaker_aliases WHERE speaker_id = ?)",
                (keep_id, other_id),
            )
            conn.execute("DELETE FROM speakers WHERE id = ?", (other_id,))
            conn.execute("UPDATE speakers SET renamed = 1 WHERE id = ?", (keep_id,))

    def remove_alias(self, speaker_id: int, alias: str) -> int:
        """Take a wrong name off a speaker: the quotes that came in under it are linked again
        (to another speaker of that name, or a new one), and linking never gives it back.
        Returns how many quotes moved."""
        key = speaker_links.key_of(alias.strip())
        with self.transaction() as conn:
            names = self._aliases(speaker_id)
            current = conn.execute(
                "SELECT name FROM speakers WHERE id = ?", (speaker_id,)
            ).fetchone()
            if current is None:
                raise StoreError(f"there is no speaker {speaker_id}")
            if not key or alias.strip() not in names:
                raise StoreError(f"speaker {speaker_id} has no alias {alias.strip()!r}")
            remaining = [n for n in names if speaker_links.key_of(n) != key]
            if not remaining:
                raise StoreError(
                    f"{alias.strip()!r} is the only name of speaker {speaker_id}; "
                    "rename the speaker instead"
                )
            conn.execute(
                "DELETE FROM speaker_aliases WHERE speaker_id = ? AND key = ?", (speaker_id, key)
            )
            conn.execute(
                "INSERT OR IGNORE INTO speaker_alias_blocks (speaker_id, key) VALUES (?, ?)",
                (speaker_id, key),
            )
            if speaker_links.key_of(current[0]) == key:
                conn.execute(
                    "UPDATE speakers SET name = ? WHERE id = ?",
                    (speaker_links.display_name(remaining), speaker_id),
                )
            moved = [
                r
                for r in self._rows(
                    "SELECT id, speaker_name FROM quotes "
                    "WHERE speaker_id = ? AND corrected = 0 AND speaker_name IS NOT NULL",
                    (speaker_id,),
                )
                if speaker_links.key_of(r["speaker_name"]) == key
            ]
            if moved:
                from tui_reader.library.quotes import Speaker, kind_of

                name = moved[0]["speaker_name"]
                target = self._link_speakers([Speaker(name, [], kind_of(name))])[name]
                conn.executemany(
                    "UPDATE quotes SET speaker_id = ? WHERE id = ?",
                    [(target, r["id"]) for r in moved],
                )
        return len(moved)
