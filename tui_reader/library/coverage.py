"""Coverage: the other articles of the library that report the same event, best first.

Two stages keep a query fast in a library of thousands of unrelated articles. First the indexes
filled at ingest are asked, with SQL only: the articles that share the article's salient names
and words (``article_terms``, weighed by how rare each term is in the library) and the articles
that quote the same people (``quotes.speaker_id``, the library's speaker entities, the user's
corrections included). Then the few best candidates are read in full and checked for the same
statements (the quote engine's twins), and the score is made of all four kinds of evidence:

- words: the share of the article's (rarity-weighted) names and words the other one has too;
- people: the share of the article's (rarity-weighted) quoted speakers quoted there too;
- statements: passages that report the same words (verbatim, trimmed or reworded);
- dates: published within a day scores 1, two weeks apart or more 0 (unknown dates: left out).
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tui_reader.library.salience import Term
from tui_reader.library.store import Store, StoreError, describe

VERIFY = 8
"""Candidates read in full and checked for shared statements (twins): the best by the indexes."""
CANDIDATES = 60
"""Candidates taken from each index before scoring."""
MIN_SCORE = 0.15
"""Below this an article shares no more than unrelated news does (measured in bench/coverage.py)."""
STRONG_TWIN = 0.55
"""Twins below this similarity are chance meetings of short clauses (as in compare)."""
MIN_STATEMENT_WORDS = 4
"""A shared statement has at least this many words on both sides, and the shorter side at least
30 % of the longer's words."""
NAME_BOOST = 1.5
"""A shared name (a person, a place, an organization) tells more than a shared word."""
COMMON = 0.05
COMMON_MIN = 200
"""Terms salient in more than this share of the library (and in more than COMMON_MIN articles,
so that a big story in a small library still finds itself) find no candidates: they would cost
a long walk of the index for little (they still count when candidates are scored); people
quoted that widely neither."""
WEIGHTS = {"words": 0.40, "people": 0.20, "statements": 0.30, "dates": 0.10}

STORY_SCORE = 0.45
"""``story_for``: the best story's best article must score at least this ..."""
STORY_MARGIN = 0.15
"""... and beat every other story's best by this much, with a person or a statement shared."""


@dataclass(slots=True)
class SharedStatement:
    """A passage of each article reporting the same words."""

    here: str
    there: str
    kind: str
    similarity: float


@dataclass(slots=True)
class Shared:
    """The evidence that two articles report the same event."""

    people: list[str] = field(default_factory=list)
    statements: list[SharedStatement] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    days_apart: int | None = None

    def summary(self) -> str:
        """One line: ``people: SVR, Vučić · 4 statements · names: serbia, ukraine · 1 day``."""
        parts = []
        if self.people:
            parts.append("people: " + ", ".join(self.people[:4]))
        if self.statements:
            parts.append(f"{len(self.statements)} statement(s)")
        if self.names:
            parts.append("names: " + ", ".join(self.names[:5]))
        if self.days_apart is not None:
            parts.append("same day" if self.days_apart == 0 else f"{self.days_apart} day(s) apart")
        return " · ".join(parts) or "little in common"


@dataclass(slots=True)
class Covering:
    """An article that reports the same event, with its score (0-1) and the evidence."""

    id: int
    title: str | None
    site: str | None
    published: str | None
    score: float
    shared: Shared
    parts: dict[str, float] = field(default_factory=dict)
    """The score's parts (words, people, statements, dates), each 0-1."""


def ensure_indexed(store: Store) -> int:
    """Index the articles stored before coverage existed (or by an older term finder); returns
    how many. A read-only library that needs it cannot be indexed: that is said in words."""
    missing = store.unindexed_articles()
    if not missing:
        return 0
    if store.read_only:
        raise StoreError(
            f"{len(missing)} article(s) of this library have not been indexed for coverage yet, "
            "and it is open read-only; open it once with write access (tui-reader coverage ID)"
        )
    return store.index_articles(missing)


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)  # type: ignore[index]
    except (TypeError, ValueError):
        return None


def _date_score(days: int | None) -> float | None:
    if days is None:
        return None
    return max(0.0, min(1.0, 1 - (days - 1) / 13))


@dataclass(slots=True)
class _Evidence:
    """What the indexes say about the candidates of one article."""

    terms: list[Term]
    weights: dict[str, tuple[float, float]]
    """term -> (its rarity, weighted: idf x NAME_BOOST for names; the article's weight)"""
    words: dict[int, float] = field(default_factory=dict)
    people: dict[int, float] = field(default_factory=dict)
    quoted_in: dict[int, list[int]] = field(default_factory=dict)
    """candidate -> the article's speakers it quotes too"""
    speaker_idf: dict[int, float] = field(default_factory=dict)


def _from_indexes(store: Store, article_id: int) -> _Evidence:
    """Candidates by shared rare terms and by shared quoted speakers, SQL only."""
    n = max(store.indexed_count(), 2)
    common = max(COMMON_MIN, n * COMMON)

    def idf(df: int) -> float:
        return math.log(1 + n / max(df, 1))

    terms = store.article_terms(article_id)
    counts = store.term_counts([t.term for t in terms])
    weights = {
        t.term: (idf(counts.get(t.term, 1)) * (NAME_BOOST if t.kind == "name" else 1), t.weight)
        for t in terms
    }
    found = _Evidence(terms, weights)
    self_score = sum(i * w for i, w in weights.values()) or 1.0
    rare = {t: v for t, v in weights.items() if counts.get(t, 0) <= common}
    for a, score, _ in store.term_matches(rare, article_id, CANDIDATES):
        found.words[a] = score / self_score

    speakers = store.quoted_speakers(article_id)
    reach = store.speaker_reach(speakers)
    found.speaker_idf = {s: idf(len(reach.get(s, ()))) for s in speakers}
    total = sum(found.speaker_idf.values()) or 1.0
    for s, articles in reach.items():
        if len(articles) > common:
            continue  # quoted everywhere: finds nothing in particular
        for a in articles:
            if a != article_id:
                found.people[a] = found.people.get(a, 0.0) + found.speaker_idf[s] / total
                found.quoted_in.setdefault(a, []).append(s)
    # the articles found by their people alone (the best CANDIDATES), with their words too
    by_people = sorted(set(found.people) - set(found.words), key=lambda a: -found.people[a])
    keep = set(found.words) | set(by_people[:CANDIDATES])
    found.people = {a: v for a, v in found.people.items() if a in keep}
    for a, score in store.term_scores(rare, by_people[:CANDIDATES]).items():
        found.words[a] = score / self_score
    return found


def coverage(store: Store, article_id: int, *, limit: int = 10) -> list[Covering]:
    """The articles that report the same event as ``article_id``, best first (at most
    ``limit``, none scoring under :data:`MIN_SCORE`)."""
    if not store.has_article(article_id):
        raise StoreError(f"there is no article {article_id}")
    ensure_indexed(store)
    found = _from_indexes(store, article_id)
    candidates = set(found.words) | set(found.people)
    if not candidates:
        return []
    facts = store.article_facts([article_id, *candidates])
    candidates &= set(facts)  # an index row of an article since gone (another tool's writes)
    mine = facts[article_id]["published"]
    parts: dict[int, dict[str, float]] = {}
    for a in candidates:
        p = {
            "words": min(1.0, found.words.get(a, 0.0)),
            "people": min(1.0, 2 * found.people.get(a, 0.0)),
        }
        d = _date_score(_days(mine, facts[a]["published"]))
        if d is not None:
            p["dates"] = d
        parts[a] = p
    best = sorted(candidates, key=lambda a: (-_score(parts[a]), a))[:VERIFY]
    statements = _statements(store, article_id, best)
    for a in best:
        # a twin counts by how far it is above chance: 0.55 a little, 0.75 half, 1.0 fully
        strength = sum(max(0.0, (s.similarity - 0.5) / 0.5) for s in statements.get(a, []))
        parts[a]["statements"] = 1 - math.exp(-1.5 * strength)
    ranked = sorted(candidates, key=lambda a: (-_score(parts[a]), a))
    ranked = [a for a in ranked if _score(parts[a]) >= MIN_SCORE][:limit]
    names = _shared_names(store, ranked, found)
    speaker_names = store.speaker_names(list(found.speaker_idf))
    return [
        Covering(
            id=a,
            title=facts[a]["title"],
            site=facts[a]["site"],
            published=facts[a]["published"],
            score=round(_score(parts[a]), 3),
            shared=Shared(
                people=[
                    speaker_names[s]
                    for s in sorted(found.quoted_in.get(a, []), key=lambda s: -found.speaker_idf[s])
                    if s in speaker_names
                ],
                statements=statements.get(a, []),
                names=names.get(a, []),
                days_apart=_days(mine, facts[a]["published"]),
            ),
            parts={k: round(v, 3) for k, v in parts[a].items()},
        )
        for a in ranked
    ]


def _score(parts: dict[str, float]) -> float:
    """The weighted mean of the evidence there is (no date: the others carry its weight)."""
    total = sum(WEIGHTS[k] for k in WEIGHTS if k in parts or k != "dates")
    return sum(WEIGHTS[k] * parts.get(k, 0.0) for k in WEIGHTS) / total


def _statements(
    store: Store, article_id: int, others: list[int]
) -> dict[int, list[SharedStatement]]:
    """The statements each of ``others`` shares with the article (twins worth the name)."""
    from tui_reader.library.quotes import same_words  # the engine loads on first use

    if not others:
        return {}
    texts = store.articles_by_id([article_id, *others])
    quotes = store.quotes_of([article_id, *others])
    mine = texts[article_id].text
    found: dict[int, list[SharedStatement]] = {}
    for a in others:
        theirs = texts[a].text
        found[a] = [
            SharedStatement(mine[t.a_start : t.a_end], theirs[t.b_start : t.b_end], t.kind, t.score)
            for t in same_words(mine, quotes[article_id], theirs, quotes[a])
            if t.score >= STRONG_TWIN
            and _substantial(mine[t.a_start : t.a_end], theirs[t.b_start : t.b_end])
        ]
    return found


def _substantial(a: str, b: str) -> bool:
    """A statement, not a word: a one-word quote ("fake") is inside many a clause of any text."""
    na, nb = len(a.split()), len(b.split())
    return min(na, nb) >= MIN_STATEMENT_WORDS and min(na, nb) >= 0.3 * max(na, nb)


def _shared_names(store: Store, ranked: list[int], found: _Evidence) -> dict[int, list[str]]:
    """The names each ranked article shares with this one, the most telling first."""
    names = [t.term for t in found.terms if t.kind == "name"]
    shared = store.shared_terms(ranked, names)
    weight = {t: idf * w for t, (idf, w) in found.weights.items()}
    return {a: sorted(shared.get(a, set()), key=lambda t: (-weight[t], t))[:8] for a in ranked}


AUTO_STORY = "auto"
"""``--story auto`` (``add``, ``feed add``): each new article into the story it clearly belongs
to, by :func:`story_for`."""


def place_by_coverage(store: Store, article_id: int) -> str:
    """Put a stored article into the story it clearly belongs to, if any; what to add to its
    result line (`` · story “X”``, or why not)."""
    try:
        name = story_for(store, article_id)
        if name is None:
            return " · no story (none clearly fits)"
        store.add_to_story(name, [article_id])
    except StoreError as exc:
        return f" · no story ({exc})"
    except sqlite3.Error as exc:
        return f" · no story ({describe(exc)})"
    return f" · story “{name}”"


def story_for(store: Store, article_id: int) -> str | None:
    """The story an article clearly belongs to, or None.

    Clearly: the best-scoring article of the story reports the same event (score at least
    :data:`STORY_SCORE`, with a person quoted in both or a statement in both), and no other
    story comes within :data:`STORY_MARGIN` of it.
    """
    best: dict[str, tuple[float, bool]] = {}
    for c in coverage(store, article_id, limit=30):
        firm = bool(c.shared.people or c.shared.statements)
        for story in store.stories_of(c.id):
            if story not in best or c.score > best[story][0]:
                best[story] = (c.score, firm)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    name, (score, firm) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
    if score >= STORY_SCORE and firm and score - runner_up >= STORY_MARGIN:
        return name
    return None


def coverage_json(c: Covering) -> dict[str, Any]:
    """A coverage row for ``--json`` (SPEC.md: id, title, site, published, score, shared)."""
    return {
        "id": c.id,
        "title": c.title,
        "site": c.site,
        "published": c.published,
        "score": c.score,
        "shared": {
            "people": c.shared.people,
            "statements": [
                {"here": s.here, "there": s.there, "kind": s.kind, "similarity": s.similarity}
                for s in c.shared.statements
            ],
            "names": c.shared.names,
            "days_apart": c.shared.days_apart,
        },
        "parts": c.parts,
    }
