"""What coverage finding and the ledger read: each article's salient terms (an inverted index
filled when the article is stored), who is quoted where, and a story's articles with their quotes
in two queries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tui_reader.library.salience import TERMS_VERSION, Term, salient_terms
from tui_reader.library.store.connection import StoreBase

INDEX_BATCH = 500
"""Articles indexed per transaction when an older library is indexed: a kill keeps the batches
already done, and no transaction holds the write lock for long."""


def _json_ids(ids: Sequence[int]) -> str:
    return json.dumps([int(i) for i in ids])


class CoverageMixin(StoreBase):
    """Salient terms per article, and the batch reads of coverage and the ledger."""

    # -- the index -----------------------------------------------------------------------

    def _index_terms(
        self,
        article_id: int,
        title: str | None,
        text: str,
        terms: Sequence[Term] | None = None,
        *,
        fresh: bool = False,
    ) -> None:
        """Store an article's salient terms (inside the caller's transaction); ``terms`` when
        a worker already found them (ingest does, off the single writer); ``fresh``: a row
        just inserted, with no terms yet."""
        found = terms if terms is not None else salient_terms(title, text)
        self._write_terms(article_id, found, fresh=fresh)

    def _write_terms(self, article_id: int, terms: Sequence[Term], *, fresh: bool = False) -> None:
        if not fresh:
            self.conn.execute("DELETE FROM article_terms WHERE article_id = ?", (article_id,))
        # one executemany for the article's hundred-odd terms
        self.conn.executemany(
            "INSERT INTO article_terms (article_id, term, kind, weight) VALUES (?, ?, ?, ?)",
            [(article_id, t.term, t.kind, t.weight) for t in terms],
        )
        self.conn.execute(
            "INSERT OR REPLACE INTO article_index (article_id, version) VALUES (?, ?)",
            (article_id, TERMS_VERSION),
        )

    def _terms_current(self, article_id: int) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM article_index WHERE article_id = ? AND version = ?",
                (article_id, TERMS_VERSION),
            ).fetchone()
            is not None
        )

    def unindexed_articles(self) -> list[int]:
        """Articles without terms, or with terms of an older version (an older library)."""
        indexed = self.conn.execute(
            "SELECT count(*) FROM article_index WHERE version = ?", (TERMS_VERSION,)
        ).fetchone()[0]
        if indexed == self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]:
            return []  # the usual case, in two counts of indexes
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT a.id FROM articles a LEFT JOIN article_index i ON i.article_id = a.id "
                "WHERE i.version IS NOT ? ORDER BY a.id",
                (TERMS_VERSION,),
            )
        ]

    def index_articles(self, article_ids: Sequence[int]) -> int:
        """Find and store the terms of these articles, a batch per transaction."""
        done = 0
        for lo in range(0, len(article_ids), INDEX_BATCH):
            batch = list(article_ids[lo : lo + INDEX_BATCH])
            with self.transaction():
                for article_id, title, text in self.conn.execute(
                    "SELECT id, title, text FROM articles "
                    "WHERE id IN (SELECT value FROM json_each(?))",
                    (_json_ids(batch),),
                ).fetchall():
                    self._index_terms(article_id, title, text)
                    done += 1
        return done

    def article_terms(self, article_id: int) -> list[Term]:
        """An article's stored terms, the heaviest first."""
        return [
            Term(term, kind, weight)
            for term, kind, weight in self.conn.execute(
                "SELECT term, kind, weight FROM article_terms WHERE article_id = ? "
                "ORDER BY weight DESC, term",
                (article_id,),
            )
        ]

    def indexed_count(self) -> int:
        """How many articles have terms (the N of the inverse document frequency)."""
        return int(self.conn.execute("SELECT count(*) FROM article_index").fetchone()[0])

    def term_counts(self, terms: Sequence[str]) -> dict[str, int]:
        """In how many articles each term is salient (from the term index alone)."""
        if not terms:
            return {}
        return dict(
            self.conn.execute(
                "SELECT term, count(*) FROM article_terms "
                "WHERE term IN (SELECT value FROM json_each(?)) GROUP BY term",
                (json.dumps(list(terms)),),
            ).fetchall()
        )

    def term_matches(
        self, weighted: dict[str, tuple[float, float]], exclude: int, limit: int
    ) -> list[tuple[int, float, int]]:
        """Articles sharing the given terms, best first: ``(article_id, score, shared)``.

        ``weighted`` maps a term to (idf, the query article's weight); an article scores the sum
        over shared terms of ``idf * min(its weight, the query's weight)``.
        """
        if not weighted:
            return []
        rows = [[t, idf, w] for t, (idf, w) in weighted.items()]
        return [
            (int(a), float(s), int(n))
            for a, s, n in self.conn.execute(
                "WITH q(term, idf, w) AS (SELECT json_extract(value, '$[0]'), "
                "json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?)) "
                "SELECT t.article_id, sum(q.idf * min(q.w, t.weight)) AS score, count(*) "
                "FROM q JOIN article_terms t ON t.term = q.term "
                "WHERE t.article_id != ? GROUP BY t.article_id ORDER BY score DESC LIMIT ?",
                (json.dumps(rows), exclude, limit),
            )
        ]

    def shared_terms(self, article_ids: Sequence[int], terms: Sequence[str]) -> dict[int, set[str]]:
        """Which of ``terms`` each of the articles has."""
        found: dict[int, set[str]] = {int(i): set() for i in article_ids}
        for article_id, term in self.conn.execute(
            "SELECT article_id, term FROM article_terms "
            "WHERE article_id IN (SELECT value FROM json_each(?)) "
            "AND term IN (SELECT value FROM json_each(?))",
            (_json_ids(article_ids), json.dumps(list(terms))),
        ):
            found[article_id].add(term)
        return found

    def term_scores(
        self, weighted: dict[str, tuple[float, float]], article_ids: Sequence[int]
    ) -> dict[int, float]:
        """:meth:`term_matches`'s score for the given articles (found by another index)."""
        if not weighted or not article_ids:
            return {}
        rows = [[t, idf, w] for t, (idf, w) in weighted.items()]
        return {
            int(a): float(score)
            for a, score in self.conn.execute(
                "WITH q(term, idf, w) AS (SELECT json_extract(value, '$[0]'), "
                "json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?)) "
                "SELECT t.article_id, sum(q.idf * min(q.w, t.weight)) FROM article_terms t "
                "JOIN q ON q.term = t.term "
                "WHERE t.article_id IN (SELECT value FROM json_each(?)) GROUP BY t.article_id",
                (json.dumps(rows), _json_ids(article_ids)),
            )
        }

    # -- who is quoted where -------------------------------------------------------------

    def speaker_reach(self, speaker_ids: Sequence[int]) -> dict[int, list[int]]:
        """For each speaker, the articles that quote them."""
        found: dict[int, list[int]] = {}
        for speaker_id, article_id in self.conn.execute(
            "SELECT DISTINCT speaker_id, article_id FROM quotes "
            "WHERE speaker_id IN (SELECT value FROM json_each(?)) ORDER BY speaker_id, article_id",
            (_json_ids(speaker_ids),),
        ):
            found.setdefault(speaker_id, []).append(article_id)
        return found

    def speaker_names(self, speaker_ids: Sequence[int]) -> dict[int, str]:
        return dict(
            self.conn.execute(
                "SELECT id, name FROM speakers WHERE id IN (SELECT value FROM json_each(?))",
                (_json_ids(speaker_ids),),
            ).fetchall()
        )

    def speaker_keys(self, speaker_ids: Sequence[int]) -> dict[int, tuple[str, list[str]]]:
        """For each speaker its kind and the folded names it can be found by in a text: a
        person's surnames, an organization's acronyms and names of two words or more."""
        found: dict[int, tuple[str, list[str]]] = {}
        for speaker_id, kind, alias, key, last in self.conn.execute(
            "SELECT s.id, s.kind, a.alias, a.key, a.last FROM speakers s "
            "JOIN speaker_aliases a ON a.speaker_id = s.id "
            "WHERE s.id IN (SELECT value FROM json_each(?)) ORDER BY s.id, a.key",
            (_json_ids(speaker_ids),),
        ):
            keys = found.setdefault(speaker_id, (kind, []))[1]
            if kind == "person":
                wanted = last
            elif len(key.split()) >= 2 or (alias.isupper() and 2 <= len(alias) <= 8):
                wanted = key
            else:
                continue  # "Russia" for Russia's SVR: a name of much else besides
            if wanted not in keys:
                keys.append(wanted)
        return found

    # -- batch reads ---------------------------------------------------------------------

    def article_facts(self, article_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Title, site and date of several articles, without their texts."""
        rows = self._rows(
            "SELECT id, title, site, published FROM articles "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (_json_ids(article_ids),),
        )
        return {r["id"]: r for r in rows}
