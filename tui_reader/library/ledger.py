"""The source ledger of a story: who is quoted in each article, how much, how early, and which
statements each outlet carries, trims, rewords or leaves out.

One row per speaker and article (speakers are the library's entities: Vučić and Vucic are one
row per article; the user's corrections are already on the stored quotes):

- ``quotes``: the speaker's quotes in the article;
- ``words``: the words inside those quotes;
- ``share``: those words as a share of all the words the article quotes (unattributed quotes
  included, as the row whose speaker is None), so an article's shares add up to 1;
- ``first_at``: where the speaker's first quote starts, as the share of the article's text
  before it (0 is the first line, 0.9 near the end);
- ``also_quoted_in``: the story's other articles that quote the speaker too; ``named_in``: those
  that name the speaker without quoting them (by surname, acronym or full name);
- ``statements``: the speaker's statements the article carries (see the statement map), and
  ``shared_statements``: how many of them another article carries too (0: only this outlet has
  them).

The statement map (:mod:`~tui_reader.library.statements`) is the ledger's second part.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from tui_reader.library.export import guard_cell
from tui_reader.library.models import Article, StoredQuote
from tui_reader.library.salience import fold
from tui_reader.library.statements import Statement, statement_map
from tui_reader.library.store import Store, StoreError, count_words


@dataclass(slots=True)
class SpeakerRow:
    """One speaker in one article."""

    speaker: str | None
    speaker_id: int | None
    article_id: int
    site: str | None
    title: str | None
    quotes: int
    words: int
    share: float
    first_at: float
    start: int
    """Where the first quote starts (an offset into the article's text)."""
    also_quoted_in: list[int] = field(default_factory=list)
    named_in: list[int] = field(default_factory=list)
    statements: int = 0
    """The speaker's statements this article carries (quoted, or reported)."""
    shared_statements: int = 0
    """... of which another article of the story carries too."""


@dataclass(slots=True)
class Outlet:
    """One article of the story, and what it leaves out."""

    article_id: int
    title: str | None
    site: str | None
    published: str | None
    words: int
    quotes: int
    quoted_words: int
    speakers: int
    statements: int
    """Statements of the story this article carries."""
    left_out_speakers: list[str] = field(default_factory=list)
    """Speakers the story's other articles quote and this one does not."""
    left_out_statements: int = 0


@dataclass(slots=True)
class Ledger:
    story: str | None
    articles: list[Outlet]
    speakers: list[SpeakerRow]
    statements: list[Statement]


def story_articles(store: Store, story: str) -> list[int]:
    """The articles of a story, or a StoreError that says there is no such story."""
    if story not in store.stories():
        raise StoreError(f"there is no story named {story!r}")
    return store.story_article_ids(story)


def build_ledger(
    store: Store, story: str | None = None, article_ids: Sequence[int] | None = None
) -> Ledger:
    """The ledger of a story (by name), or of the given articles in the given order."""
    if article_ids is None:
        if story is None:
            raise StoreError("give a story or articles")
        article_ids = story_articles(store, story)
    by_id = store.articles_by_id(article_ids)
    missing = [i for i in article_ids if i not in by_id]
    if missing:
        raise StoreError(f"there is no article {missing[0]}")
    articles = [by_id[i] for i in article_ids]
    quotes = store.quotes_of(article_ids)
    rows = _speaker_rows(articles, quotes)
    _mark_elsewhere(store, articles, rows)
    statements = statement_map(articles, [quotes[a.id] for a in articles])
    _count_statements(rows, statements)
    return Ledger(story, _outlets(articles, quotes, rows, statements), rows, statements)


def _count_statements(rows: list[SpeakerRow], statements: list[Statement]) -> None:
    """Each row's statements, and how many of them other outlets carry too."""
    by_key = {(r.speaker_id, r.article_id): r for r in rows}
    for s in statements:
        carriers = [v.article_id for v in s.versions if v.kind != "missing"]
        for article_id in carriers:
            row = by_key.get((s.speaker_id, article_id))
            if row is not None:
                row.statements += 1
                row.shared_statements += len(carriers) > 1


def _speaker_rows(
    articles: list[Article], quotes: dict[int, list[StoredQuote]]
) -> list[SpeakerRow]:
    rows: list[SpeakerRow] = []
    for article in articles:
        found = quotes[article.id]
        counted = [(q, count_words(q.text)) for q in found]
        total = sum(n for _, n in counted) or 1
        by_speaker: dict[int | None, list[tuple[StoredQuote, int]]] = {}
        for q, n in counted:
            by_speaker.setdefault(q.speaker_id, []).append((q, n))
        length = len(article.text) or 1
        for speaker_id, said in by_speaker.items():
            words = sum(n for _, n in said)
            first = min(q.start for q, _ in said)
            rows.append(
                SpeakerRow(
                    speaker=said[0][0].speaker,
                    speaker_id=speaker_id,
                    article_id=article.id,
                    site=article.site,
                    title=article.title,
                    quotes=len(said),
                    words=words,
                    share=round(words / total, 3),
                    first_at=round(first / length, 3),
                    start=first,
                )
            )
    totals: dict[int | None, int] = {}
    for r in rows:
        totals[r.speaker_id] = totals.get(r.speaker_id, 0) + r.words
    order = {a.id: k for k, a in enumerate(articles)}
    # the most quoted speakers first (the unattributed last), each in story order
    rows.sort(
        key=lambda r: (
            r.speaker_id is None,
            -totals[r.speaker_id],
            fold(r.speaker or ""),
            r.speaker_id or 0,
            order[r.article_id],
        )
    )
    return rows


_WORD = re.compile(r"\w+")


def _mark_elsewhere(store: Store, articles: list[Article], rows: list[SpeakerRow]) -> None:
    """Fill each row's ``also_quoted_in`` and ``named_in``."""
    quoted: dict[int, list[int]] = {}
    for r in rows:
        if r.speaker_id is not None:
            quoted.setdefault(r.speaker_id, []).append(r.article_id)
    keys = store.speaker_keys(list(quoted))
    vocab = {a.id: set(_WORD.findall(fold(a.text))) for a in articles}
    for r in rows:
        if r.speaker_id is None:
            continue
        here = quoted[r.speaker_id]
        r.also_quoted_in = [a for a in here if a != r.article_id]
        names = [k.split() for k in keys.get(r.speaker_id, ("", []))[1]]
        r.named_in = [
            a.id
            for a in articles
            if a.id not in here and any(n and set(n) <= vocab[a.id] for n in names)
        ]


def _outlets(
    articles: list[Article],
    quotes: dict[int, list[StoredQuote]],
    rows: list[SpeakerRow],
    statements: list[Statement],
) -> list[Outlet]:
    speakers_in: dict[int, set[int]] = {}
    names: dict[int, str] = {}
    for r in rows:
        if r.speaker_id is not None:
            speakers_in.setdefault(r.article_id, set()).add(r.speaker_id)
            names[r.speaker_id] = r.speaker or ""
    everyone = set(names)
    outlets = []
    for a in articles:
        mine = speakers_in.get(a.id, set())
        carried = sum(1 for s in statements if (v := s.version(a.id)) and v.kind != "missing")
        outlets.append(
            Outlet(
                article_id=a.id,
                title=a.title,
                site=a.site,
                published=a.published,
                words=a.words,
                quotes=len(quotes[a.id]),
                quoted_words=sum(count_words(q.text) for q in quotes[a.id]),
                speakers=len(mine),
                statements=carried,
                left_out_speakers=sorted((names[s] for s in everyone - mine), key=fold),
                left_out_statements=len(statements) - carried,
            )
        )
    return outlets


# -- out: JSON and CSV ---------------------------------------------------------------------

SPEAKER_COLUMNS = [
    "speaker",
    "speaker_id",
    "article_id",
    "site",
    "title",
    "quotes",
    "words",
    "share",
    "first_at",
    "start",
    "also_quoted_in",
    "named_in",
    "statements",
    "shared_statements",
]
STATEMENT_COLUMNS = [
    "statement",
    "speaker",
    "speaker_id",
    "statement_text",
    "article_id",
    "site",
    "kind",
    "quoted",
    "text",
    "start",
    "end",
    "similarity",
    "added",
    "dropped",
]


def _speaker_dict(r: SpeakerRow) -> dict[str, Any]:
    return {k: getattr(r, k) for k in SPEAKER_COLUMNS}


def ledger_json(ledger: Ledger) -> dict[str, Any]:
    """The ledger as SPEC.md has it: ``{"story", "articles", "speakers", "statements"}``."""
    sites = {o.article_id: o.site for o in ledger.articles}
    return {
        "story": ledger.story,
        "articles": [
            {
                "article_id": o.article_id,
                "title": o.title,
                "site": o.site,
                "published": o.published,
                "words": o.words,
                "quotes": o.quotes,
                "quoted_words": o.quoted_words,
                "speakers": o.speakers,
                "statements": o.statements,
                "left_out": {
                    "speakers": o.left_out_speakers,
                    "statements": o.left_out_statements,
                },
            }
            for o in ledger.articles
        ],
        "speakers": [_speaker_dict(r) for r in ledger.speakers],
        "statements": [
            {
                "text": s.text,
                "speaker": s.speaker,
                "speaker_id": s.speaker_id,
                "article_id": s.article_id,
                "start": s.start,
                "end": s.end,
                "carried_by": s.carried_by,
                "articles": [
                    {
                        "article_id": v.article_id,
                        "site": sites.get(v.article_id),
                        "kind": v.kind,
                        "text": v.text,
                        "quoted": v.quoted,
                        "start": v.start,
                        "end": v.end,
                        "similarity": v.similarity,
                        "added": v.added,
                        "dropped": v.dropped,
                    }
                    for v in s.versions
                ],
            }
            for s in ledger.statements
        ],
    }


def _writer(out: TextIO, columns: list[str], raw: bool) -> Any:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)

    def row(values: list[Any]) -> None:
        writer.writerow(values if raw else [guard_cell(v) for v in values])

    return row


def write_speakers_csv(ledger: Ledger, out: TextIO, *, raw: bool = False) -> int:
    """One row per speaker and article (SPEAKER_COLUMNS); lists of ids joined by ``"; "``."""
    row = _writer(out, SPEAKER_COLUMNS, raw)
    for r in ledger.speakers:
        values = _speaker_dict(r)
        values["also_quoted_in"] = "; ".join(map(str, r.also_quoted_in))
        values["named_in"] = "; ".join(map(str, r.named_in))
        row(["" if values[k] is None else values[k] for k in SPEAKER_COLUMNS])
    return len(ledger.speakers)


def write_statements_csv(ledger: Ledger, out: TextIO, *, raw: bool = False) -> int:
    """One row per statement and article (STATEMENT_COLUMNS): ``statement`` numbers the
    statements from 1, ``kind`` is verbatim / trimmed / reworded / missing, ``quoted`` 1 for a
    quotation and 0 for reported speech, ``added`` and ``dropped`` the differing runs of words
    joined by ``" | "``."""
    row = _writer(out, STATEMENT_COLUMNS, raw)
    sites = {o.article_id: o.site for o in ledger.articles}
    n = 0
    for number, s in enumerate(ledger.statements, start=1):
        for v in s.versions:
            row(
                [
                    number,
                    s.speaker or "",
                    "" if s.speaker_id is None else s.speaker_id,
                    s.text,
                    v.article_id,
                    sites.get(v.article_id) or "",
                    v.kind,
                    int(v.quoted),
                    v.text,
                    "" if v.start is None else v.start,
                    "" if v.end is None else v.end,
                    "" if v.similarity is None else v.similarity,
                    " | ".join(v.added),
                    " | ".join(v.dropped),
                ]
            )
            n += 1
    return n
