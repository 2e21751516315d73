"""Plain data passed between the library's layers (ingest, quotes, storage, export, app).

Offsets are Python string indices into ``articles.text``; they are the currency between layers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

IngestStatus = Literal["added", "updated", "unchanged", "failed"]

LIBRARY_ORDERS = ("date", "site", "title", "words", "quotes")
"""The orders the library can be sorted in (``s`` cycles them, in this order)."""
AnchorKind = Literal["exact", "moved", "fuzzy", "orphaned"]


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies the version it sent (``ETag``, ``Last-Modified``): sent
    back on the next fetch, so that an unchanged page costs a short ``304 Not Modified``."""

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)

    def headers(self) -> dict[str, str]:
        found = {}
        if self.etag:
            found["If-None-Match"] = self.etag
        if self.last_modified:
            found["If-Modified-Since"] = self.last_modified
        return found


@dataclass(slots=True)
class ExtractedArticle:
    """One page turned into clean text and metadata, ready to store."""

    source: str
    """What the user gave: an http(s) URL, or the absolute path of an HTML file."""
    text: str
    """Clean main text, paragraphs separated by a blank line (``"\\n\\n"``)."""
    url: str | None = None
    """The canonical URL (``<link rel=canonical>``, og:url, or the final URL after redirects)."""
    title: str | None = None
    author: str | None = None
    site: str | None = None
    published: str | None = None
    """ISO date (``YYYY-MM-DD``) when the page says it."""
    language: str | None = None
    fetched_at: str = ""
    """ISO 8601 UTC time of the fetch or file read."""


@dataclass(slots=True)
class Article:
    """An article row as the app and the CLI see it."""

    id: int
    source: str
    url: str | None
    title: str | None
    author: str | None
    site: str | None
    published: str | None
    language: str | None
    text: str
    fetched_at: str
    words: int = 0


@dataclass(slots=True)
class ArticleSummary:
    """A row of the library table: no text, counts instead."""

    id: int
    title: str | None
    site: str | None
    author: str | None
    published: str | None
    url: str | None
    source: str
    words: int
    quotes: int
    annotations: int
    read: bool = False
    """Opened at least once."""
    changed: bool = False
    """A newer version came in since the user last read it."""
    version: int = 1


@dataclass(slots=True)
class Tag:
    id: int
    name: str
    colour: str | None = None
    quick_key: int | None = None
    """1-9: the digit key that applies this tag in the reader."""


@dataclass(slots=True)
class Annotation:
    id: int
    article_id: int
    start: int
    end: int
    passage: str
    prefix: str
    suffix: str
    note: str
    created_at: str
    updated_at: str
    tags: list[str] = field(default_factory=list)
    orphaned: bool = False
    """True when a re-fetch changed the text so much that the passage could not be placed again."""
    anchor: AnchorKind = "exact"
    """How the passage sits in the current text: exact, moved, fuzzy or orphaned."""
    coded_passage: str | None = None
    """The words as coded, when a fuzzy placement made ``passage`` the changed words."""
    version: int = 1
    """The version of the article it was coded on."""

    @property
    def coded_words(self) -> str:
        """The passage as it was coded."""
        return self.coded_passage or self.passage


@dataclass(slots=True)
class StoredQuote:
    """A quote row joined with its library speaker."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    speaker_id: int | None
    speaker: str | None
    cue: str | None
    corrected: bool = False
    """True when the speaker is the user's correction, not the engine's guess."""


@dataclass(slots=True)
class StoredSpeaker:
    id: int
    name: str
    kind: str
    aliases: list[str]
    quotes_per_article: dict[int, int]


@dataclass(slots=True)
class IngestResult:
    """The outcome for one source of ``tui-reader add``."""

    source: str
    status: IngestStatus
    article_id: int | None = None
    title: str | None = None
    reason: str | None = None
    """One plain sentence when status is ``failed``."""


@dataclass(frozen=True, slots=True)
class Feed:
    """A followed feed as ``feed list`` shows it."""

    id: int
    url: str
    title: str | None
    site_url: str | None
    kind: str | None
    story: str | None
    checked_at: str | None
    error: str | None
    added_at: str
    items: int = 0
    """Articles in the library that came from it."""
    unread: int = 0
    validators: Validators = field(default_factory=Validators)
