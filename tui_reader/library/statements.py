"""The statement map: each statement of a story, and how every outlet carries it.

A statement is a quote together with its twins in the story's other articles (the quote
engine's ``same_words``: passages that report the same words), grouped across all articles: when
outlet A's quote is twinned with B's and B's with C's, A, B and C carry one statement. Links are
taken surest first, and one that would give an outlet two passages of one statement is refused,
so that two statements never chain into one. Every quote is a statement, so a quote no other
outlet carries shows as missing everywhere else.

The statement's text is the quote that stands for it: the wording most outlets quote (the fuller
one on a tie, then the first in story order); each outlet's version is compared with it: ``verbatim`` (the same words), ``trimmed`` (a part of them, or they are a
part of it), ``reworded`` (other words: another translation, a paraphrase, reported speech) or
``missing``. ``quoted`` tells a quotation from reported speech, ``added`` and ``dropped`` the
words that differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from tui_reader.library.models import Article, StoredQuote
from tui_reader.library.salience import fold, fold_word

Kind = Literal["verbatim", "trimmed", "reworded", "missing"]
_WORD = re.compile(r"\w+")
Node = tuple[int, int, int]
"""(article index in the story, start, end) of a passage."""


@dataclass(slots=True)
class Version:
    """How one article carries a statement."""

    article_id: int
    kind: Kind
    text: str = ""
    start: int | None = None
    end: int | None = None
    quoted: bool = False
    """True for a quotation, False for reported speech (or when missing)."""
    similarity: float | None = None
    """The engine's similarity to the statement's text when the two were paired directly."""
    added: list[str] = field(default_factory=list)
    """Runs of words this version has and the statement's text has not."""
    dropped: list[str] = field(default_factory=list)
    """Runs of words of the statement's text this version leaves out."""


@dataclass(slots=True)
class Statement:
    """A statement: its first quote (text, speaker, where) and every article's version."""

    text: str
    speaker: str | None
    speaker_id: int | None
    article_id: int
    start: int
    end: int
    versions: list[Version]

    @property
    def carried_by(self) -> int:
        return sum(v.kind != "missing" for v in self.versions)

    def version(self, article_id: int) -> Version | None:
        return next((v for v in self.versions if v.article_id == article_id), None)


REPORTED_MIN = 0.45
"""A passage outside quote marks joins a statement (as reported speech) only this similar to the
quote, and so do the quotes of two different speakers: below it, clauses and quotes that share a
few words of the story's topic meet by chance."""


REPORTED_SHARE = 0.4
"""... and has at least 40 % of the quote's words (and the quote as many of its): "the town's
mayor" is no report of a 12-word quote, nor a long clause one of a one-word quote."""
_SAID = re.compile(
    r"^(.{1,60}?)\s+(?:said|says|told|tells|added|adds|claimed|claims|stated|states|argued|"
    r"insisted|warned|announced|wrote|writes)\b"
)


def _speaker_words(quotes: Iterable[StoredQuote]) -> dict[int, str]:
    """The word each quoted speaker is written by (a surname, an organization's last word)."""
    found: dict[int, str] = {}
    for q in quotes:
        if q.speaker_id is not None and q.speaker:
            words = _WORD.findall(fold(q.speaker))
            if words:
                found[q.speaker_id] = words[-1]
    return found


_PRONOUN_SAID = re.compile(
    r"\b(?:he|she|it|they)\s+(?:\w+\s+)?(?:said|says|told|tells|added|adds|claimed|claims|"
    r"stated|states|argued|insisted|warned|announced|wrote|writes|emphasi[sz]ed|reminded|"
    r"accused|alleged|denied|acknowledged)\b",
    re.IGNORECASE,
)


def _paragraph(text: str, start: int) -> tuple[str, str]:
    """The paragraph holding ``start``, and the one before it."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    before = text[: max(0, lo - 1)].rstrip("\n")
    previous = before[before.rfind("\n") + 1 :]
    return text[lo : hi if hi != -1 else len(text)], previous


def _attributed(article: str, start: int, speaker: str | None) -> bool:
    """Reported speech says whose it is: its paragraph names the speaker, or says "he said"
    (or she, it, they) after a paragraph that names them."""
    if speaker is None:
        return False
    here, previous = _paragraph(article, start)
    if speaker in _WORD.findall(fold(here)):
        return True
    return bool(_PRONOUN_SAID.search(here)) and speaker in _WORD.findall(fold(previous))


def _reports(
    quote: StoredQuote,
    article: str,
    where: tuple[int, int],
    score: float,
    speakers: dict[int, str],
) -> bool:
    """Whether a passage outside quote marks may report ``quote``'s statement: similar enough,
    of a comparable length, attributed to the quote's speaker, and not another speaker's own
    reported speech."""
    text = article[where[0] : where[1]]
    n_quote, n_text = len(quote.text.split()), len(text.split())
    if score < REPORTED_MIN or min(n_quote, n_text) < REPORTED_SHARE * max(n_quote, n_text):
        return False
    if not _attributed(article, where[0], speakers.get(quote.speaker_id or -1)):
        return False
    said = _SAID.match(text)
    if said is None:
        return True
    # "The Port Authority said the fenders ...": another speaker's own reported speech
    subject = set(_WORD.findall(fold(said.group(1))))
    others = {w for sid, w in speakers.items() if sid != quote.speaker_id}
    mine = speakers.get(quote.speaker_id or -1)
    return not (subject & others) or mine in subject


class _Groups:
    """Union-find over passages, one passage per article in a group: a link that would give
    one article two passages of one statement is refused (it would chain two statements)."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}
        self.articles: dict[Node, set[int]] = {}

    def add(self, x: Node) -> None:
        if x not in self.parent:
            self.parent[x] = x
            self.articles[x] = {x[0]}

    def find(self, x: Node) -> Node:
        self.add(x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Node, b: Node) -> bool:
        """Join the groups of a and b unless they share an article; True when they are one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.articles[ra] & self.articles[rb]:
            return False
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.articles[keep] |= self.articles.pop(gone)
        return True

    def groups(self) -> list[list[Node]]:
        found: dict[Node, list[Node]] = {}
        for node in self.parent:
            found.setdefault(self.find(node), []).append(node)
        return [sorted(members) for members in found.values()]


def _wording(text: str) -> str:
    return " ".join(fold_word(w) for w in _WORD.findall(text))


def _reference(quoted: list[Node], quote_at: dict[Node, StoredQuote]) -> Node:
    """The quote that stands for a statement: the wording most outlets quote, the fuller one
    when as many quote each (a trimmed quote is a part of the statement), else the first in
    story order."""
    counts: dict[str, int] = {}
    for node in quoted:
        key = _wording(quote_at[node].text)
        counts[key] = counts.get(key, 0) + 1
    return min(
        quoted,
        key=lambda n: (
            -counts[_wording(quote_at[n].text)],
            -len(_wording(quote_at[n].text).split()),
            n,
        ),
    )


def word_diff(reference: str, version: str) -> list[tuple[str, str]]:
    """``version`` against ``reference`` as runs of words, each ``"same"``, ``"added"`` (in the
    version only) or ``"dropped"`` (in the reference only), in reading order (as ``git diff
    --word-diff``); case, accents and punctuation around words do not count."""
    ref, ver = reference.split(), version.split()

    def key(word: str) -> str:
        return fold_word(word.strip(".,;:!?\"'“”‘’«»()[]—–-"))

    matcher = SequenceMatcher(a=[key(w) for w in ref], b=[key(w) for w in ver], autojunk=False)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append((" ".join(ver[j1:j2]), "same"))
            continue
        if i2 > i1:
            runs.append((" ".join(ref[i1:i2]), "dropped"))
        if j2 > j1:
            runs.append((" ".join(ver[j1:j2]), "added"))
    return runs


def differences(reference: str, version: str) -> tuple[list[str], list[str]]:
    """(added, dropped): the runs of words ``version`` has that ``reference`` lacks, and the
    other way round."""
    runs = word_diff(reference, version)
    return [w for w, how in runs if how == "added"], [w for w, how in runs if how == "dropped"]


def statement_map(
    articles: Sequence[Article], quotes: Sequence[Sequence[StoredQuote]]
) -> list[Statement]:
    """The statements of a story's articles (in story order) and every article's version, the
    most widely carried first."""
    from tui_reader.library.quotes import passage_kind, same_words_across  # loads the engine

    groups = _Groups()
    quote_at: dict[Node, StoredQuote] = {}
    for k, found in enumerate(quotes):
        for q in found:
            node = (k, q.start, q.end)
            quote_at[node] = q
            groups.add(node)
    pairs = same_words_across(
        [(a.text, list(q)) for a, q in zip(articles, quotes, strict=True)],
        reported_min=REPORTED_MIN,
    )
    links = [
        (t.score, t.kind, (i, t.a_start, t.a_end), (j, t.b_start, t.b_end), t.same_speaker)
        for (i, j), twins in pairs.items()
        for t in twins
    ]
    links.sort(key=lambda link: (-link[0], link[2], link[3]))  # the surest links first
    speakers = _speaker_words(q for found in quotes for q in found)
    direct: dict[tuple[Node, Node], tuple[str, float]] = {}
    for score, kind, a, b, same in links:
        if a in quote_at and b in quote_at:
            if same is False and score < REPORTED_MIN:
                continue  # two speakers' quotes that share a few words by chance
        else:
            quote, other = (quote_at[a], b) if a in quote_at else (quote_at[b], a)
            article = articles[other[0]].text
            if not _reports(quote, article, (other[1], other[2]), score, speakers):
                continue
        if groups.union(a, b):
            direct[(a, b)] = direct[(b, a)] = (kind, score)
    statements = []
    for members in groups.groups():
        quoted = [n for n in members if n in quote_at]
        if not quoted:
            continue
        ref = _reference(quoted, quote_at)
        ref_quote = quote_at[ref]
        versions = []
        for k, article in enumerate(articles):
            node = next((n for n in members if n[0] == k), None)  # one per article at most
            if node is None:
                versions.append(Version(article.id, "missing"))
                continue
            text = article.text[node[1] : node[2]]
            if node == ref:
                kind, similarity = "verbatim", 1.0
            elif (node, ref) in direct:
                kind, similarity = direct[(node, ref)]
            else:
                kind, similarity = passage_kind(ref_quote.text, text), None
            added, dropped = differences(ref_quote.text, text) if node != ref else ([], [])
            versions.append(
                Version(
                    article.id,
                    kind,  # type: ignore[arg-type]
                    text,
                    node[1],
                    node[2],
                    node in quote_at,
                    similarity,
                    added,
                    dropped,
                )
            )
        statements.append(
            Statement(
                ref_quote.text,
                ref_quote.speaker,
                ref_quote.speaker_id,
                articles[ref[0]].id,
                ref[1],
                ref[2],
                versions,
            )
        )
    order = {a.id: k for k, a in enumerate(articles)}
    statements.sort(key=lambda s: (-s.carried_by, order[s.article_id], s.start))
    return statements
