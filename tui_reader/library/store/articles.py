"""The articles table: saving an extracted article with its quotes, reading, listing, search."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui_reader.library.engine import ENGINE_VERSION
from tui_reader.library.models import (
    LIBRARY_ORDERS,
    Article,
    ArticleSummary,
    ExtractedArticle,
    IngestStatus,
)
from tui_reader.library.store.connection import StoreError
from tui_reader.library.store.versions import VersionsMixin
from tui_reader.library.textclean import clean_article
from tui_reader.library.timestamps import now_iso

if TYPE_CHECKING:
    from tui_reader.library.quotes import QuoteAnalysis
    from tui_reader.library.salience import Term


_WORD = re.compile(r"\w+(?:['’]\w+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them (``\\w+``, joined by apostrophes)."""
    # The same count, a third cheaper: no word spans whitespace, and a piece between spaces
    # that is all letters and digits is one word; the regular expression reads the others.
    pieces = text.split()
    rest = [p for p in pieces if not p.isalnum()]
    return len(pieces) - len(rest) + len(_WORD.findall(" ".join(rest)))


def content_hash(article: ExtractedArticle) -> str:
    """What tells "updated" from "unchanged" on a re-fetch: the text and the metadata."""
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


_ARTICLE_SQL = (
    "SELECT id, source, url, title, author, site, published, language, text, fetched_at, words "
    "FROM articles"
)
_SUMMARY_COLUMNS = (
    "a.id, a.title, a.site, a.author, a.published, a.url, a.source, a.words, "
    "a.read_at IS NOT NULL AS read, "
    "(a.read_at IS NOT NULL AND a.version > coalesce(a.seen_version, 1)) AS changed, "
    "a.version"
)


_ORDER_BY = {
    "date": "a.published DESC, a.id DESC",  # NULL dates sort last
    "site": "a.site COLLATE NOCASE, a.published DESC, a.id DESC",
    "title": "a.title COLLATE NOCASE, a.id",
    "words": "a.words DESC, a.id DESC",
    "quotes": "quotes DESC, a.id DESC",
}
"""The library's orders, by the name a user picks."""


class ArticlesMixin(VersionsMixin):
    """Articles: one row per source, with its text, metadata and counts."""

    def save_article(
        self,
        article: ExtractedArticle,
        analysis: QuoteAnalysis | None = None,
        story: str | None = None,
        *,
        terms: Sequence[Term] | None = None,
        analyse: Callable[[str], QuoteAnalysis] | None = None,
    ) -> tuple[IngestStatus, int]:
        """Insert or update an article (by its source) with its quotes, in one transaction.

        Returns ``("added" | "updated" | "unchanged", id)``. On "updated" the article's
        annotations are re-anchored in the new text; those that cannot be placed are flagged
        orphaned and kept. The article is cleaned of control characters whoever calls; when
        that changes its text, the analysis (whose offsets are then void) is not stored.
        Without an ``analysis``, ``analyse`` finds the quotes when they are needed (a new or
        changed text, an older engine's quotes): re-adding an unchanged page never pays for
        them.
        """
        article, changed = clean_article(article)
        if changed:  # found on the text before cleaning: find them again
            analysis = None
            terms = None
        digest = content_hash(article)
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
            "fetched_at": article.fetched_at or now_iso(),
        }
        with self.transaction() as conn:
            row = conn.execute(  # not the text: an unchanged page's is never read
                "SELECT id, content_hash, engine FROM articles WHERE source = ?",
                (article.source,),
            ).fetchone()
            status: IngestStatus
            if row is None:
                if analysis is None and analyse is not None:
                    analysis = analyse(article.text)
                if analysis is not None:
                    values["engine"] = ENGINE_VERSION
                # raw SQL for the row, as for the hot inserts: bench/store.py
                article_id = self._insert_row("articles", values)
                status = "added"
            else:
                article_id = int(row[0])
                if row[1] == digest:
                    status = "unchanged"
                else:
                    if analysis is not None:
                        values["engine"] = ENGINE_VERSION
                    old_text = conn.execute(
                        "SELECT text FROM articles WHERE id = ?", (article_id,)
                    ).fetchone()[0]
                    old_quotes = self._old_quotes(article_id)
                    values["version"] = self._keep_version(article_id)
                    self._update_row("articles", article_id, values)
                    self._reanchor_annotations(article_id, old_text, article.text)
                    status = "updated"
            fresh = status == "added"  # a new row: nothing of it stored yet to replace
            outdated = row is not None and row[2] != ENGINE_VERSION
            if analysis is None and analyse is not None and (status != "unchanged" or outdated):
                analysis = analyse(article.text)
            if analysis is not None and (status != "unchanged" or outdated):
                self._replace_quotes(article_id, analysis, fresh=fresh)
                if status == "updated":
                    self._record_quote_changes(
                        article_id, int(values["version"]), old_quotes, analysis
                    )
            if status != "unchanged" or not self._terms_current(article_id):
                self._index_terms(article_id, article.title, article.text, terms, fresh=fresh)
            if story:
                self._add_to_story(story, [article_id])
        return status, article_id

    def reanalyse(self, article_id: int, analysis: QuoteAnalysis) -> None:
        """Store a new analysis of an article's stored text (a newer engine); the user's
        corrections are applied again on top."""
        with self.transaction():
            if not self.conn.execute(
                "SELECT 1 FROM articles WHERE id = ?", (article_id,)
            ).fetchone():
                raise self._missing("article", article_id)
            self._replace_quotes(article_id, analysis)

    def outdated_articles(self) -> list[int]:
        """Articles whose quotes an older engine found."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM articles WHERE engine IS NOT ? ORDER BY id", (ENGINE_VERSION,)
            )
        ]

    def article(self, article_id: int) -> Article | None:
        """One article with its text."""
        rows = self._rows(_ARTICLE_SQL + " WHERE id = ?", (article_id,))
        return Article(**rows[0]) if rows else None

    def articles_by_id(self, article_ids: Sequence[int]) -> dict[int, Article]:
        """Several articles with their texts, in one query."""
        rows = self._rows(
            _ARTICLE_SQL + " WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([int(i) for i in article_ids]),),
        )
        return {r["id"]: Article(**r) for r in rows}

    def has_article(self, article_id: int) -> bool:
        found = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return found is not None

    def article_ids(self) -> list[int]:
        """Every article id, oldest first."""
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def search(self, text: str) -> list[int]:
        """Articles whose title, text or annotations match what a person typed, best first
        (FTS5 rank; an article found by its text ranks by that, else by its annotations)."""
        query = fts_query(text)
        if query is None:
            return []
        ranks: dict[int, float] = {}
        for row in self.db["articles"].search(query, columns=["id"], include_rank=True):
            ranks[row["id"]] = row["rank"]
        for row in self.db["annotations"].search(query, columns=["article_id"], include_rank=True):
            ranks.setdefault(row["article_id"], row["rank"])
        return sorted(ranks, key=lambda i: (ranks[i], -i))

    def article_summaries(
        self,
        *,
        story: str | None = None,
        query: str | None = None,
        limit: int | None = None,
        ids: Sequence[int] | None = None,
        sort: str = "date",
        feed: int | None = None,
    ) -> list[ArticleSummary]:
        """The library table, in ``sort`` order (newest first by default); ``query`` searches
        titles, texts and annotations and lists the matches best first; ``feed``: only the
        items of that feed."""
        if sort not in _ORDER_BY:
            raise StoreError(f"cannot sort by {sort!r} (by {', '.join(LIBRARY_ORDERS)})")
        where: list[str] = []
        params: list[object] = []
        ranked: list[int] | None = None
        if story:
            where.append(
                "a.id IN (SELECT sa.article_id FROM story_articles sa "
                "JOIN stories s ON s.id = sa.story_id WHERE s.name = ?)"
            )
            params.append(story)
        if feed is not None:
            where.append("a.feed_id = ?")
            params.append(feed)
        if query is not None and fts_query(query) is not None:
            ranked = self.search(query)
            if ids is None:
                ids = ranked
            else:
                wanted = set(ids)
                ids = [i for i in ranked if i in wanted]
        if ids is not None:
            where.append("a.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(ids)))
        if limit is not None and limit <= 1000:  # a first page: count per row, not per table
            sql = (
                f"SELECT {_SUMMARY_COLUMNS}, "
                "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
                "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id) AS annotations "
                "FROM articles a"
            )
        else:
            sql = (
                f"SELECT {_SUMMARY_COLUMNS}, coalesce(qc.n, 0) AS quotes, "
                "coalesce(nc.n, 0) AS annotations FROM articles a "
                "LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id) qc "
                "ON qc.article_id = a.id "
                "LEFT JOIN (SELECT article_id, count(*) AS n FROM annotations "
                "GROUP BY article_id) nc ON nc.article_id = a.id"
            )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY " + _ORDER_BY[sort]
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = [
            ArticleSummary(**{**r, "read": bool(r["read"]), "changed": bool(r["changed"])})
            for r in self._rows(sql, params)
        ]
        if ranked is not None:
            order = {article_id: n for n, article_id in enumerate(ranked)}
            rows.sort(key=lambda r: order[r.id])
        return rows

    def delete_article(self, article_id: int) -> None:
        """Delete an article with its quotes and annotations."""
        with self.transaction() as conn:
            speakers = self.quoted_speakers(article_id)
            if not conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount:
                raise self._missing("article", article_id)
            self._drop_unused_speakers(speakers)
